"""Summary: the manager recaps what was agreed near the end; mid-call checks and bare "agreed" are not it."""

from __future__ import annotations

import pytest

from nlp.detectors.summary import detect

OPENING = "Менеджер: Добрый день.\nКлиент: Здравствуйте.\nМенеджер: Что вас интересует?\nКлиент: CRM.\n"


@pytest.mark.parametrize("line", [
    "Менеджер: Итак, подытожим: пятнадцать пользователей, бюджет сто тысяч в месяц, запуск в марте.",
    "Менеджер: Хорошо. Тогда: восемь дорожек, сервисный договор, поставка в феврале.",
    "Менеджер: Давайте зафиксируем, о чём договорились.",
    "Manager: So, to recap: twenty seats, a start in January, and your CFO signs off.",
    "Manager: Great. So: nine clinics, about ten thousand a month, switch by January first.",
])
def test_recap_at_the_end(run_detector, line):
    [d], _ = run_detector(detect, OPENING + line + "\nКлиент: Да, всё верно.")
    assert d.type == "summary" and d.speaker == "manager"


@pytest.mark.parametrize("line", [
    "Менеджер: Договорились, до свидания.",
    "Менеджер: В прошлый раз мы договорились о скидке.",
    "Клиент: Итак, подытожим: нам нужна CRM, бюджет сто тысяч.",  # the client, not the manager
])
def test_not_a_manager_recap(run_detector, line):
    assert run_detector(detect, OPENING + line)[0] == []


def test_recap_in_the_first_half_is_a_mid_call_check(run_detector):
    call = ("Менеджер: Давайте я резюмирую: вам нужна CRM на десять человек, так?\nКлиент: Да.\n"
            + OPENING + "Менеджер: Хорошо.\nКлиент: Спасибо.")
    assert run_detector(detect, call)[0] == []
