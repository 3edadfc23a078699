"""Greeting at the start of the call: company, own name and offer of help, ru and en."""

from __future__ import annotations

import pytest

from nlp.detectors.greeting import detect


@pytest.mark.parametrize("line, company, name, offer", [
    ("Менеджер: Добрый день, компания «Ромашка», меня зовут Евгений. Чем могу помочь?", True, True, True),
    ("Менеджер: Доброе утро, интернет-провайдер «ЛинкСеть», Светлана. Чем могу помочь?", True, True, True),
    ("Менеджер: Добрый вечер! Страховой дом Гарант, меня зовут Сергей.", True, True, False),
    ("Менеджер: Здравствуйте, это Анна. Вам удобно говорить?", False, True, False),
    ("Менеджер: алло добрый день меня зовут ольга чем могу помочь", False, True, True),
    ("Менеджер: да добрый день медсофт артём слушаю вас чем могу помочь", True, True, True),
    ("Менеджер: алло доброе утро агротехника юг меня зовут сергей", True, True, False),
    ("Менеджер: добрый день удобно говорить это анна", False, True, False),
    ("Manager: Hello, BlueLine Logistics, Tom speaking. How can I help?", True, True, True),
    ("Manager: Hi, this is Kevin from CloudDesk. Is now a good time to talk?", True, True, False),
    ("Manager: Good morning, my name is Sarah. What can I do for you?", False, True, True),
])
def test_greeting_parts(run_detector, line, company, name, offer):
    [d], _ = run_detector(detect, line + "\nКлиент: Да.")
    assert d.type == "greeting" and d.speaker == "manager"
    assert (d.get("company_named"), d.get("name_named"), d.get("offer_of_help")) == (company, name, offer)


def test_addressing_the_client_by_name_is_not_the_managers_name(run_detector):
    [d], _ = run_detector(detect, "Менеджер: Иван Петрович, добрый день! Удобно говорить?\nКлиент: Да.")
    assert d.get("name_named") is False
    [d], _ = run_detector(detect, "Менеджер: Добрый день, Иван! Компания «Альфа» беспокоит.\nКлиент: Да.")
    assert (d.get("name_named"), d.get("company_named")) == (False, True)


def test_no_greeting_when_the_manager_just_answers(run_detector):
    assert run_detector(detect, "Менеджер: Да.\nКлиент: Это «Кровля Мастер»?\nМенеджер: Да, «Кровля Мастер».")[0] == []
    assert run_detector(detect, "Manager: Sales, go ahead.\nClient: What do you charge?")[0] == []
    assert run_detector(detect, "Менеджер: Алло, да.\nКлиент: Сколько стоит трекер?")[0] == []
    # company and a bare name without a salutation or "меня зовут" is answering the phone, not greeting
    assert run_detector(detect, "Менеджер: Да, кадровое агентство «Топ Персонал», Руслан.\nКлиент: Здравствуйте.")[0] == []


def test_greeting_after_the_first_20_seconds_does_not_count(run_detector):
    long_client = "Клиент: " + " ".join(["слово"] * 60)  # ~24 s of synthesised speech
    assert run_detector(detect, long_client + "\nМенеджер: Добрый день, меня зовут Анна.")[0] == []
