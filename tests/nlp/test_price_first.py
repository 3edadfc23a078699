"""Price-first: an early price question before any need question, and how the manager answers it."""

from __future__ import annotations

import pytest

from analyzer.types import Detection, Evidence
from nlp.detectors.price_first import detect

GREETING_RU = "Менеджер: Добрый день, компания «Окна Плюс», Анна, чем могу помочь?\n"
GREETING_EN = "Manager: Hi, this is Anna from Brightdesk. How can I help?\n"


@pytest.mark.parametrize("call, response", [
    (GREETING_RU + "Клиент: Здравствуйте, сколько стоит пластиковое окно?\n"
                   "Менеджер: Обычно от двадцати тысяч рублей за окно.", "named_price"),
    (GREETING_RU + "Клиент: Здравствуйте, сколько стоит пластиковое окно?\n"
                   "Менеджер: Цена зависит от размера и профиля. Подскажите, сколько окон и какие размеры?", "built_value"),
    (GREETING_RU + "Клиент: Здравствуйте, сколько стоит пластиковое окно?\n"
                   "Менеджер: Давайте я запишу ваш телефон, вам перезвонят. Как вас зовут?", "ignored"),
    (GREETING_RU + "Клиент: да здрасьте а скока у вас стоит окно\n"
                   "менеджер: приглашаю вас к нам в шоурум там всё покажем и посчитаем", "built_value"),
    (GREETING_EN + "Client: Hi, how much does it cost?\nManager: It's $49 per agent per month.", "named_price"),
    (GREETING_EN + "Client: Hi, how much does it cost?\n"
                   "Manager: It depends on the number of agents. How many people answer tickets today?", "built_value"),
])
def test_manager_response_is_classified(run_detector, call, response):
    [d], transcript = run_detector(detect, call)
    assert d.type == "price_first" and d.speaker == "client"
    assert d.get("manager_response") == response
    assert d.evidence.utterance == 1
    ev = d.get("response")
    assert ev.utterance == 2
    assert ev.quote == transcript.utterances[2].text[ev.char_start:ev.char_end]


def test_a_value_phrase_before_the_number_is_built_value(run_detector):
    [d], _ = run_detector(detect, GREETING_RU + "Клиент: Сколько стоит?\n"
                          "Менеджер: Стоимость складывается из площади и материала, в среднем от ста тысяч рублей.")
    assert d.get("manager_response") == "built_value"


def test_a_bare_number_before_a_question_is_named_price(run_detector):
    [d], _ = run_detector(detect, GREETING_RU + "Клиент: А сколько стоит одно окно?\n"
                          "Менеджер: Стандартное окно — около двадцати тысяч с установкой. Сколько всего окон?")
    assert d.get("manager_response") == "named_price"
    assert d.get("response").quote == "двадцати тысяч"


def _need_question(utterance: int) -> Detection:
    ev = Evidence(utterance, "manager", 0.0, 1.0, 0, 3, "Что")
    return Detection("bant.question", "manager", ev, "bant.v1", 0.9, {"topic": "need"})


def test_price_asked_after_a_need_question_is_not_price_first(run_detector):
    call = (GREETING_RU + "Клиент: Нужно поменять окна.\nМенеджер: Что не устраивает в старых окнах?\n"
            "Клиент: Дует. А сколько стоит?")
    found, _ = run_detector(detect, call, earlier=[_need_question(2)])
    assert found == []


def test_price_asked_late_is_not_price_first(run_detector):
    call = GREETING_RU + "\n".join(["Клиент: Угу.", "Менеджер: Рассказываю про компанию."] * 3) + "\nКлиент: Сколько стоит?"
    assert run_detector(detect, call)[0] == []
    assert run_detector(detect, call, price_first_max_client_turns=4)[0]


@pytest.mark.parametrize("line", [
    "Клиент: Сколько у вас сотрудников обычно выезжает на замер?",
    "Клиент: Сколько времени займёт установка?",
    "Client: How much data can we store?",
])
def test_questions_that_are_not_about_price(run_detector, line):
    assert run_detector(detect, GREETING_RU + line)[0] == []
