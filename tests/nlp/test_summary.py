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


FACTS_RU = ("Менеджер: Добрый день.\nКлиент: У нас пятнадцать продавцов, заявки теряются.\n"
            "Менеджер: Какой бюджет?\nКлиент: Около ста двадцати тысяч в месяц.\n")
FACTS_EN = ("Manager: Good morning.\nClient: We print about twelve thousand pages a month.\n"
            "Manager: What budget have you set aside?\nClient: Around fifty grand a year.\n")


@pytest.mark.parametrize("call, line", [
    # recognised speech lost the cue words ("тогда подытожим" -> "тогда под обложки"), the facts survive
    (FACTS_RU, "Менеджер: Тогда под обложки нужно навести порядок 15 продавцов бюджет около ста двадцати тысяч в месяц."),
    (FACTS_EN, "Manager: Perfect so three clinics about 12,000 pages a month and a budget of around 50 grand a year."),
])
def test_a_late_turn_repeating_two_client_facts_is_a_recap(run_detector, call, line):
    [d], _ = run_detector(detect, call + line + "\nClient: Right.")
    assert d.type == "summary" and d.score < 0.9 and d.evidence.quote == line.split(": ", 1)[1]


@pytest.mark.parametrize("call, line", [
    # one fact, or the same fact twice, is not a recap; nor is the manager's own price
    (FACTS_RU, "Менеджер: Для пятнадцати продавцов подойдёт тариф Бизнес, это удобно и пятнадцать мест хватит."),
    (FACTS_RU, "Менеджер: Тариф на двадцать пользователей стоит девяносто тысяч в месяц, внедрение бесплатно."),
    (FACTS_EN, "Manager: For twelve thousand pages a month I'd suggest the mid-range model, it's very reliable."),
])
def test_repeating_less_than_two_client_facts_is_no_recap(run_detector, call, line):
    assert run_detector(detect, call + line + "\nClient: Okay.")[0] == []
