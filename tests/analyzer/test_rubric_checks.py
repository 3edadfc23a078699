"""Every check kind on hand-built detections and metrics."""

from __future__ import annotations

import typing

import pytest
from pydantic import TypeAdapter
from rubric_builders import call, det, metrics

from analyzer.rubric import registered_kinds
from analyzer.rubric.checks import CallView, mmss, run_check
from analyzer.rubric.schema import Check

_CHECK = TypeAdapter(Check)

T = call(
    "m: Добрый день, компания Ромашка, Евгений. Чем могу помочь?",   # 0-5 s
    "c: Сколько стоит ваша система?",                                   # 5-10 s
    "m: Какую задачу хотите решить?",                                   # 10-15 s
    "c: Заявки теряются. Бюджет около ста тысяч.",                       # 15-20 s
    "m: От восьмидесяти до ста двадцати тысяч.",                         # 20-25 s
    "m: Итак, созваниваемся в четверг.",                                 # 25-30 s
)


def run(spec: dict, detections=(), m=None):
    return run_check(_CHECK.validate_python(spec), CallView(T, tuple(detections), m or metrics()))


def test_every_schema_check_kind_is_registered():
    kinds = {typing.get_args(member.model_fields["kind"].annotation)[0]
             for member in typing.get_args(typing.get_args(Check)[0])}
    assert kinds == set(registered_kinds())


def test_present_passes_with_evidence_and_facts_of_the_first_match():
    g = det(T, "greeting", 0, company_named=True)
    out = run({"kind": "detection.present.v1", "type": "greeting", "speaker": "manager"}, [g])
    assert out.passed and out.evidence == (g.evidence,)
    assert out.facts["quote"] == T.utterances[0].text and out.facts["time"] == "0:00"
    assert out.facts["company_named"] is True


def test_present_filters_by_attribute_and_quotes_the_near_miss_on_fail():
    g = det(T, "greeting", 0, company_named=True, offer_of_help=False)
    out = run({"kind": "detection.present.v1", "type": "greeting",
               "attributes": {"company_named": True, "offer_of_help": True}}, [g])
    assert not out.passed
    assert out.evidence == (g.evidence,) and out.facts["near.offer_of_help"] is False and "quote" not in out.facts


def test_present_attribute_list_means_any_of_and_bool_never_equals_int():
    d = det(T, "price_first", 1, manager_response="ignored")
    spec = {"kind": "detection.present.v1", "type": "price_first"}
    assert run({**spec, "attributes": {"manager_response": ["named_price", "ignored"]}}, [d]).passed
    flag = det(T, "cross_sell", 4, justified=1)
    assert not run({"kind": "detection.present.v1", "type": "cross_sell", "attributes": {"justified": True}}, [flag]).passed


def test_present_filters_by_speaker_and_topic():
    q = det(T, "bant.question", 2, topic="need")
    assert run({"kind": "detection.present.v1", "type": "bant.question", "speaker": "manager", "topic": "need"}, [q]).passed
    assert not run({"kind": "detection.present.v1", "type": "bant.question", "speaker": "client"}, [q]).passed
    assert not run({"kind": "detection.present.v1", "type": "bant.question", "topic": ["budget", "timeline"]}, [q]).passed


def test_has_requires_non_null_attributes():
    both = det(T, "next_step", 5, date="2026-11-26", topic="демо")
    no_date = det(T, "next_step", 5, date=None, topic="демо")
    spec = {"kind": "detection.present.v1", "type": "next_step", "has": ["date", "topic"]}
    assert run(spec, [both]).passed
    out = run(spec, [no_date])
    assert not out.passed and out.facts["near.topic"] == "демо" and "near.date" not in out.facts


@pytest.mark.parametrize(("window", "index", "inside"), [
    ({"first_s": 20}, 3, True), ({"first_s": 20}, 4, False),
    ({"last_s": 10}, 4, True), ({"last_s": 10}, 3, False),
    ({"last_fraction": 0.25}, 5, True), ({"last_fraction": 0.25}, 3, False),
    ({"first_fraction": 0.5}, 2, True), ({"first_fraction": 0.5}, 3, False),
    ({"first_utterances": 2}, 1, True), ({"first_utterances": 2}, 2, False),
    ({"last_utterances": 1}, 5, True), ({"last_utterances": 1}, 4, False),
])
def test_windows_in_seconds_fractions_and_utterances(window, index, inside):
    d = det(T, "summary", index)
    assert run({"kind": "detection.present.v1", "type": "summary", "window": window}, [d]).passed is inside


def test_absent_fails_with_the_offending_detection():
    rude = det(T, "rudeness", 4, "ста двадцати", kind="insult")
    out = run({"kind": "detection.absent.v1", "type": "rudeness", "speaker": "manager"}, [rude])
    assert not out.passed and out.facts["quote"] == "ста двадцати" and out.facts["time"] == "0:20"
    assert run({"kind": "detection.absent.v1", "type": "rudeness", "speaker": "client"}, [rude]).passed


def test_count_of_distinct_attribute_values():
    dets = [det(T, "bant.question", 2, topic="need"), det(T, "bant.question", 2, "задачу", topic="need")]
    spec = {"kind": "detection.count.v1", "type": "bant.question", "distinct": "topic", "min": 2}
    out = run(spec, dets)
    assert not out.passed and out.facts["count"] == 1 and out.facts["values"] == ["need"]
    out = run(spec, dets + [det(T, "bant.question", 5, topic="timeline")])
    assert out.passed and out.facts["values"] == ["need", "timeline"] and len(out.evidence) == 2


def test_count_with_max_bounds_plain_matches():
    dets = [det(T, "rudeness", 4), det(T, "rudeness", 5)]
    assert not run({"kind": "detection.count.v1", "type": "rudeness", "max": 1}, dets).passed
    assert run({"kind": "detection.count.v1", "type": "rudeness", "min": 2, "max": 2}, dets).passed


def test_metric_threshold_between_bounds_with_percent():
    spec = {"kind": "metric.threshold.v1", "metric": "talk_ratio.manager", "min": 0.3, "max": 0.65}
    out = run(spec, m=metrics(talk=0.43))
    assert out.passed and out.facts["value"] == 0.43 and out.facts["percent"] == "43%"
    assert not run(spec, m=metrics(talk=0.7)).passed
    assert not run({"kind": "metric.threshold.v1", "metric": "questions.manager", "min": 4}, m=metrics(questions=3)).passed
    assert run({"kind": "metric.threshold.v1", "metric": "silence_share", "max": 0.2}).passed


def test_order_before_needs_first_before_then():
    spec = {"kind": "order.before.v1",
            "first": {"type": "bant.question", "topic": "need"},
            "then": {"type": "price_first", "attributes": {"manager_response": "named_price"}}}
    need_q = det(T, "bant.question", 2, topic="need")
    priced_early = det(T, "price_first", 1, manager_response="named_price")
    out = run(spec, [priced_early, need_q])
    assert not out.passed and out.facts["then.time"] == "0:05" and out.facts["first.time"] == "0:10"
    assert run(spec, [need_q]).passed
    assert not run(spec, []).passed


def test_all_any_not_compose_and_named_checks_publish_prefixed_facts():
    q, a = det(T, "bant.question", 2, topic="need"), det(T, "bant.answer", 3, topic="need")
    both = {"kind": "all.v1", "checks": [
        {"kind": "detection.present.v1", "name": "question", "type": "bant.question", "topic": "need"},
        {"kind": "detection.present.v1", "name": "answer", "type": "bant.answer", "topic": "need"}]}
    out = run(both, [q, a])
    assert out.passed and out.facts["question.time"] == "0:10" and out.facts["answer.time"] == "0:15"
    assert out.evidence == (q.evidence, a.evidence)
    assert not run(both, [q]).passed
    either = {**both, "kind": "any.v1"}
    out = run(either, [a])
    assert out.passed and out.evidence == (a.evidence,)
    assert not run(either, []).passed
    assert run({"kind": "not.v1", "check": both}, [q]).passed


def test_mmss():
    assert mmss(0) == "0:00" and mmss(72.9) == "1:12" and mmss(605) == "10:05"


def test_dotted_attribute_paths_and_exclude():
    refused = det(T, "bant.answer", 3, "Заявки теряются.", topic="budget", value={"refused": True})
    stated = det(T, "bant.answer", 3, "Бюджет около ста тысяч.", topic="budget", value={"amount": 100000})
    spec = {"kind": "detection.present.v1", "type": "bant.answer", "exclude": {"value.refused": True}}
    assert not run(spec, [refused]).passed
    out = run(spec, [refused, stated])
    assert out.passed and out.evidence == (stated.evidence,) and out.facts["value.amount"] == 100000
    assert run({"kind": "detection.present.v1", "type": "bant.answer", "attributes": {"value.amount": 100000}},
               [refused, stated]).passed
