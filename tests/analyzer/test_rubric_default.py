"""The default ``sales-call`` rubric on hand-built detections: every item's pass / fail / na rule, score, messages."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rubric_builders import call, det, metrics

from analyzer.rubric import grade, load_rubric
from analyzer.rubric.schema import Rubric
from analyzer.settings import Settings

ITEMS = ["greeting", "target_check", "need_discovered", "budget_discovered", "authority_discovered",
         "timeline_discovered", "price_handling", "cross_sell", "manager_led", "politeness", "next_step", "summary"]


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("sales-call", settings=Settings())


T = call(
    "m: Добрый день, компания Ромашка, меня зовут Евгений. Чем могу помочь?",   # 0:00
    "c: Сколько стоит ваша система?",                                            # 0:05
    "m: От восьмидесяти до ста двадцати тысяч.",                                 # 0:10
    "m: Какую задачу хотите решить? Какой бюджет? Кто решает? Когда старт?",     # 0:15
    "c: Заявки теряются. Бюджет сто тысяч в месяц, решаю я, старт в декабре.",   # 0:20
    "m: Ещё советую модуль телефонии, чтобы заявки не терялись.",                # 0:25
    "c: Давайте.",                                                               # 0:30
    "m: Итак, в четверг созваниваемся и обсуждаем предложение.",                 # 0:35
)


def good_call() -> list:
    return [
        det(T, "greeting", 0, company_named=True, name_named=True, offer_of_help=True),
        det(T, "bant.question", 3, "Какую задачу хотите решить?", topic="need"),
        det(T, "bant.question", 3, "Какой бюджет?", topic="budget"),
        det(T, "bant.question", 3, "Кто решает?", topic="authority"),
        det(T, "bant.question", 3, "Когда старт?", topic="timeline"),
        det(T, "bant.answer", 4, "Заявки теряются.", topic="need", value={"summary": "заявки теряются"}),
        det(T, "bant.answer", 4, "Бюджет сто тысяч в месяц", topic="budget"),
        det(T, "bant.answer", 4, "решаю я", topic="authority"),
        det(T, "bant.answer", 4, "старт в декабре", topic="timeline"),
        det(T, "cross_sell", 5, product="телефония", justified=True, reaction="accepted"),
        det(T, "next_step", 7, date="2026-11-26", topic="обсуждение предложения"),
        det(T, "summary", 7),
    ]


def statuses(result) -> dict[str, str]:
    return {i.id: i.status for i in result.items}


def test_a_good_call_passes_everything_and_price_handling_is_na(rubric):
    result = grade(rubric, transcript=T, detections=good_call(), metrics=metrics())
    assert [i.id for i in result.items] == ITEMS
    assert statuses(result) == {i: ("na" if i == "price_handling" else "pass") for i in ITEMS}
    assert result.score == 100.0 and result.rubric == "sales-call" and result.rubric_version == 1
    assert result.item("greeting").message.startswith("Приветствие на 0:00: «Добрый день")


def test_score_counts_only_applicable_items(rubric):
    dets = [d for d in good_call() if d.type != "summary"]
    result = grade(rubric, transcript=T, detections=dets, metrics=metrics())
    assert result.item("summary").status == "fail"
    applicable = 100 - 10  # price_handling is na
    assert result.score == round(100 * (applicable - 4) / applicable, 1)


def test_price_named_at_once_fails_and_the_message_quotes_the_call(rubric):
    priced = det(T, "price_first", 1, manager_response="named_price",
                 response=det(T, "x", 2, "От восьмидесяти до ста двадцати тысяч").evidence)
    result = grade(rubric, transcript=T, detections=good_call() + [priced], metrics=metrics())
    item = result.item("price_handling")
    assert item.status == "fail" and item.points == 0 and item.max_points == 10
    assert item.message.startswith(
        "Клиент спросил цену на 0:05 («Сколько стоит ваша система?»), вы сразу назвали «От восьмидесяти до ста двадцати тысяч»")
    assert "ценность" in item.tip and priced.evidence in item.evidence


@pytest.mark.parametrize(("response", "status"), [("built_value", "pass"), ("ignored", "fail")])
def test_price_handling_pass_on_built_value_fail_when_ignored(rubric, response, status):
    price = det(T, "price_first", 1, manager_response=response)
    result = grade(rubric, transcript=T, detections=good_call() + [price], metrics=metrics())
    assert result.item("price_handling").status == status


def test_greeting_fails_without_offer_of_help_or_after_20_s(rubric):
    dets = [d for d in good_call() if d.type != "greeting"]
    partial = det(T, "greeting", 0, company_named=True, name_named=True, offer_of_help=False)
    item = grade(rubric, transcript=T, detections=dets + [partial], metrics=metrics()).item("greeting")
    assert item.status == "fail" and "предложение помощи — нет" in item.message
    late = replace(T, utterances=(replace(T.utterances[0], start_s=21.0, end_s=24.0),) + T.utterances[1:])
    full = det(late, "greeting", 0, company_named=True, name_named=True, offer_of_help=True)
    assert grade(rubric, transcript=late, detections=dets + [full], metrics=metrics()).item("greeting").status == "fail"


def test_target_check_needs_two_distinct_topics(rubric):
    dets = [d for d in good_call() if d.type != "bant.question" or d.get("topic") == "need"]
    item = grade(rubric, transcript=T, detections=dets, metrics=metrics()).item("target_check")
    assert item.status == "fail" and "потребность" in item.message


def test_bant_item_needs_question_and_answer_on_the_topic(rubric):
    dets = [d for d in good_call() if not (d.type == "bant.question" and d.get("topic") == "budget")]
    item = grade(rubric, transcript=T, detections=dets, metrics=metrics()).item("budget_discovered")
    assert item.status == "fail"
    assert item.message == "Клиент сам назвал бюджет («Бюджет сто тысяч в месяц», 0:20), но вы не уточнили его вопросом."


def test_cross_sell_na_without_need_and_fail_when_unjustified(rubric):
    no_need = [d for d in good_call() if not (d.type == "bant.answer" and d.get("topic") == "need")]
    assert grade(rubric, transcript=T, detections=no_need, metrics=metrics()).item("cross_sell").status == "na"
    unjustified = [d for d in good_call() if d.type != "cross_sell"] + [det(T, "cross_sell", 5, justified=False)]
    item = grade(rubric, transcript=T, detections=unjustified, metrics=metrics()).item("cross_sell")
    assert item.status == "fail" and "0:25" in item.message


@pytest.mark.parametrize(("questions", "talk", "status"), [
    (4, 0.30, "pass"), (4, 0.65, "pass"), (3, 0.45, "fail"), (6, 0.70, "fail"), (6, 0.25, "fail")])
def test_manager_led_questions_and_talk_ratio_band(rubric, questions, talk, status):
    item = grade(rubric, transcript=T, detections=good_call(), metrics=metrics(questions=questions, talk=talk)).item("manager_led")
    assert item.status == status
    assert f"{round(talk * 100)}%" in item.message


def test_politeness_fails_on_manager_rudeness_only(rubric):
    client_rude = det(T, "rudeness", 6, kind="dismissive")
    assert grade(rubric, transcript=T, detections=good_call() + [client_rude], metrics=metrics()).item("politeness").status == "pass"
    manager_rude = det(T, "rudeness", 2, kind="insult")
    item = grade(rubric, transcript=T, detections=good_call() + [manager_rude], metrics=metrics()).item("politeness")
    assert item.status == "fail" and "0:10" in item.message


def test_next_step_needs_date_and_topic(rubric):
    dets = [d for d in good_call() if d.type != "next_step"] + [det(T, "next_step", 7, date=None, topic="предложение")]
    item = grade(rubric, transcript=T, detections=dets, metrics=metrics()).item("next_step")
    assert item.status == "fail" and "даты нет" in item.message


def test_summary_must_be_in_the_last_quarter(rubric):
    dets = [d for d in good_call() if d.type != "summary"] + [det(T, "summary", 2)]
    assert grade(rubric, transcript=T, detections=dets, metrics=metrics()).item("summary").status == "fail"


def test_messages_follow_the_call_language(rubric):
    en = replace(T, language="en")
    dets = [replace(d, evidence=replace(d.evidence)) for d in good_call()]
    result = grade(rubric, transcript=en, detections=[d for d in dets if d.type != "next_step"], metrics=metrics())
    assert result.language == "en"
    assert result.item("next_step").message == "The call ended with no agreed next step."
    assert result.item("next_step").tip.startswith("End with a dated")


def test_a_check_that_raises_is_an_error_item_and_the_rest_are_graded(rubric):
    broken = metrics()
    broken = replace(broken, questions=None)  # type: ignore[arg-type]
    result = grade(rubric, transcript=T, detections=good_call(), metrics=broken)
    item = result.item("manager_led")
    assert item.status == "error" and "AttributeError" in (item.error or "")
    assert statuses(result)["greeting"] == "pass"
    assert result.score == 100.0  # error items do not count


def test_a_refusal_is_not_an_answer(rubric):
    dets = [d for d in good_call() if not (d.type == "bant.answer" and d.get("topic") == "budget")]
    refusal = det(T, "bant.answer", 4, "Бюджет сто тысяч в месяц", topic="budget", value={"refused": True})
    item = grade(rubric, transcript=T, detections=dets + [refusal], metrics=metrics()).item("budget_discovered")
    assert item.status == "fail" and item.message == (
        "Вы спросили о бюджете («Какой бюджет?», 0:15), но клиент отказался его назвать: «Бюджет сто тысяч в месяц».")
