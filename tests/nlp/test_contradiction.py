"""Contradictions between the client's BANT statements, through the shared fact comparison."""

from __future__ import annotations

import pytest

from nlp.detectors.bant import detect as bant
from nlp.detectors.contradiction import detect
from nlp.facts import conflicts

ANCHOR = "2026-11-18T10:00:00+03:00"


def _run(run_detector, text):
    answers, transcript = run_detector(bant, text, started_at=ANCHOR)
    found, _ = run_detector(detect, text, started_at=ANCHOR, earlier=answers)
    return found, transcript


def test_monthly_and_yearly_budgets_that_agree_are_consistent(run_detector):
    found, _ = _run(run_detector, "Менеджер: Какой бюджет закладываете?\nКлиент: Сто тысяч в месяц.\n"
                                  "Менеджер: А в год сколько получается?\nКлиент: Ну да, миллион двести в год.")
    assert found == []


def test_a_budget_far_from_the_earlier_one_contradicts_it(run_detector):
    found, transcript = _run(run_detector, "Manager: What budget do you have?\n"
                                           "Client: We have around fifty thousand dollars set aside.\n"
                                           "Manager: Great, that covers the full setup.\n"
                                           "Client: Honestly, we can't go above ten grand. That's the real limit.")
    [c] = found
    assert c.type == "contradiction" and c.speaker == "client" and c.get("topic") == "budget"
    assert c.get("earlier").utterance == 1 and c.get("later").utterance == 3
    assert c.get("earlier").quote == "fifty thousand dollars"
    assert c.evidence == c.get("later")


def test_decision_maker_self_then_other(run_detector):
    found, _ = _run(run_detector, "Менеджер: Кто принимает решение?\nКлиент: Я решаю, это моя зона.\n"
                                  "Менеджер: Тогда подпишем договор?\n"
                                  "Клиент: Окончательно, конечно, генеральный директор решает.")
    assert [c.get("topic") for c in found] == ["authority"]


def test_deadline_moved_far(run_detector):
    found, _ = _run(run_detector, "Manager: When do you need it done?\nClient: We need it done by Christmas.\n"
                                  "Manager: Then we start next week.\n"
                                  "Client: Oh, no. Realistically it's more like next fall.")
    assert [c.get("topic") for c in found] == ["timeline"]


def test_a_need_later_denied(run_detector):
    found, _ = _run(run_detector, "Клиент: Хотим автоматизировать учёт на складе, постоянно ошибки.\n"
                                  "Менеджер: Давайте посчитаем.\n"
                                  "Клиент: Да знаете, нам вообще-то ничего не нужно. Всё и так работает.")
    assert [c.get("topic") for c in found] == ["need"]


def test_declining_an_extra_offer_is_no_denied_need(run_detector):
    found, _ = _run(run_detector, "Клиент: Нужен интернет в новый офис на двадцать человек.\n"
                                  "Менеджер: Могу ещё предложить видеонаблюдение.\nКлиент: Нет, пока не надо.")
    assert found == []


def test_a_restatement_of_any_earlier_figure_is_consistent(run_detector):
    found, _ = _run(run_detector, "Менеджер: Какой бюджет на печать?\n"
                                  "Клиент: Полтора миллиона на всю выставку, из них на печать тысяч двести.\n"
                                  "Менеджер: Понял.\nКлиент: Бюджет, как сказала, двести тысяч на печать.")
    assert found == []


@pytest.mark.parametrize("topic, earlier, later, expected", [
    ("budget", {"amount": 100000, "period": "month"}, {"amount": 1200000, "period": "year"}, False),
    ("budget", {"amount": 100000, "period": "month"}, {"amount": 200000, "period": "year"}, True),
    ("budget", {"min": 80000, "max": 120000}, {"amount": 100000}, False),
    ("budget", {"none": True}, {"amount": 50000}, True),
    ("budget", {"amount": 100, "currency": "USD"}, {"amount": 9000, "currency": "RUB"}, False),
    ("authority", {"decision_maker": "self"}, {"decision_maker": "other"}, True),
    ("authority", {"decision_maker": "self"}, {"decision_maker": "joint"}, True),
    ("authority", {"decision_maker": "other"}, {"decision_maker": "joint"}, False),
    ("timeline", {"date": "2026-12-31"}, {"date": "2027-01-15"}, False),
    ("timeline", {"date": "2026-12-31"}, {"date": "2027-11-30"}, True),
    ("timeline", {"date": None, "urgent": True}, {"date": "2027-11-30"}, False),
    ("need", {"summary": "учёт"}, {"denied": True}, True),
])
def test_conflicts(topic, earlier, later, expected):
    assert conflicts(topic, earlier, later) is expected


def test_what_they_pay_today_is_no_budget_restatement(run_detector):
    found, _ = _run(run_detector, "Менеджер: Какой бюджет закладываете?\nКлиент: Сто тысяч в месяц.\n"
                                  "Менеджер: А сейчас как?\nКлиент: Сейчас платим тридцать тысяч в месяц за старую систему.")
    assert found == []
