"""merge_lead across calls: new facts win, history keeps earlier values, cross-call contradictions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rubric_builders import call, det, metrics

from analyzer.contract import lead_to_dict
from analyzer.lead import build_lead, merge_lead
from analyzer.settings import Settings
from analyzer.types import CallAnalysis, Transcript

S = Settings(_env_file=None)


def analysis(call_id: str, t: Transcript, dets, *, with_lead: bool = False) -> CallAnalysis:
    t = replace(t, call_id=call_id)
    dets = list(dets(t))
    lead = build_lead(t, dets, settings=S) if with_lead else None
    return CallAnalysis(t, metrics(), tuple(dets), None, lead, {}, call_id)


def answer(t, index, topic, **value):
    return det(t, "bant.answer", index, topic=topic, value=value)


FIRST = call("m: Какой бюджет?", "c: Сто тысяч в месяц.", "m: Кто решает?", "c: Решаю я.",
             "c: Нужна CRM, это интересно.", "c: Меня зовут Ольга.")
SECOND = call("m: Напомните бюджет?", "c: Миллион двести в год.", "m: Сроки?", "c: До конца года.")


def first_call(with_lead=False):
    return analysis("call-1", FIRST, lambda t: [
        answer(t, 1, "budget", amount=100000, currency="RUB", period="month"),
        answer(t, 3, "authority", decision_maker="self", role="director"),
        det(t, "bant.answer", 4, "Нужна CRM", topic="need", value={"summary": "CRM", "product": "crm"}),
    ], with_lead=with_lead)


def test_first_call_merge_is_the_calls_lead():
    lead = merge_lead(None, first_call(), settings=S)
    assert lead.call_ids == ("call-1",)
    assert (lead.budget.amount, lead.authority.decision_maker, lead.contact.name) == (100000, "self", "Ольга")
    assert lead.history == () and lead.contradictions == ()
    assert (lead.temperature, lead.status) == ("warm", "mql")


def test_new_facts_win_old_values_go_to_history_and_lone_old_facts_stay():
    before = merge_lead(None, first_call(), settings=S)
    second = analysis("call-2", SECOND, lambda t: [
        answer(t, 1, "budget", amount=1200000, currency="RUB", period="year"),
        answer(t, 3, "timeline", date="2026-12-31", text="до конца года"),
    ])
    lead = merge_lead(before, second, settings=S)
    assert (lead.budget.amount, lead.budget.period, lead.budget.evidence.quote) == (1200000, "year",
                                                                                      "Миллион двести в год.")
    assert lead.authority.decision_maker == "self" and lead.need.summary == "CRM"  # only the first call said these
    assert lead.timeline.date == date(2026, 12, 31)
    assert lead.fact_calls["budget"] == "call-2" and lead.fact_calls["authority"] == "call-1"
    budget_history = [h for h in lead.history if h.field == "budget"]
    assert len(budget_history) == 1
    entry = budget_history[0]
    assert entry.value == {"amount": 100000, "currency": "RUB", "period": "month", "min": None, "max": None}
    assert entry.call_id == "call-1"
    assert FIRST.utterances[entry.evidence.utterance].text[entry.evidence.char_start:entry.evidence.char_end] \
        == entry.evidence.quote == "Сто тысяч в месяц."
    # 100k a month and 1.2M a year agree after normalisation: a change of wording, not a contradiction
    assert lead.contradictions == ()
    assert "contradictory_statements" not in [s.code for s in lead.disqualification_signals]
    assert lead.call_ids == ("call-1", "call-2")
    assert (lead.status, lead.category) == ("sql", "strategic")
    assert ("status", "mql", "call-1") in [(h.field, h.value, h.call_id) for h in lead.history]


def _contradiction_after(second_dets):
    before = merge_lead(None, first_call(), settings=S)
    return merge_lead(before, analysis("call-2", SECOND, second_dets), settings=S)


def test_budget_beyond_tolerance_is_a_cross_call_contradiction():
    lead = _contradiction_after(lambda t: [answer(t, 1, "budget", amount=300000, currency="RUB", period="year")])
    (contra,) = lead.contradictions
    assert (contra.type, contra.get("topic"), contra.detector) == ("contradiction", "budget", "lead.merge.v1")
    assert (contra.get("earlier_call"), contra.get("later_call")) == ("call-1", "call-2")
    assert contra.get("earlier").quote == "Сто тысяч в месяц." and contra.get("later").quote == "Миллион двести в год."
    assert [s.code for s in lead.disqualification_signals] == ["contradictory_statements"]
    assert lead.disqualification_signals[0].call_id == "call-2"
    assert lead.status == "disqualified"
    data = lead_to_dict(lead)
    assert data["contradictions"][0]["earlier"]["quote"] == "Сто тысяч в месяц."


def test_decision_maker_self_then_other_is_a_contradiction():
    lead = _contradiction_after(lambda t: [answer(t, 3, "authority", decision_maker="other", role="owner")])
    assert [c.get("topic") for c in lead.contradictions] == ["authority"]
    assert lead.authority.decision_maker == "other"
    assert [h.value["decision_maker"] for h in lead.history if h.field == "authority"] == ["self"]


def test_joint_after_self_is_a_contradiction():
    # "I decide" and later "we decide together with the owner": the client overstated their authority
    lead = _contradiction_after(lambda t: [answer(t, 3, "authority", decision_maker="joint", role=None)])
    assert [c.get("topic") for c in lead.contradictions] == ["authority"]
    assert "contradictory_statements" in {s.code for s in lead.disqualification_signals}


def test_deadline_moved_far_is_a_contradiction_near_is_not():
    def with_deadline(first_date, later_date):
        one = analysis("call-1", FIRST, lambda t: [answer(t, 3, "timeline", date=first_date, text="к концу года")])
        two = analysis("call-2", SECOND, lambda t: [answer(t, 3, "timeline", date=later_date, text="позже")])
        return merge_lead(merge_lead(None, one, settings=S), two, settings=S)

    assert [c.get("topic") for c in with_deadline("2026-12-31", "2027-06-30").contradictions] == ["timeline"]
    assert with_deadline("2026-12-31", "2027-01-15").contradictions == ()


def test_earlier_signals_persist_and_no_budget_is_cleared_by_a_budget():
    one = analysis("call-1", call("c: Бюджета нет.", "c: Сам ты идиот."), lambda t: [
        answer(t, 0, "budget", none=True), det(t, "rudeness", 1, "идиот", kind="insult")])
    two = analysis("call-2", call("c: Нашли сто тысяч в месяц."), lambda t: [
        answer(t, 0, "budget", amount=100000, currency="RUB", period="month")])
    first = merge_lead(None, one, settings=S)
    assert sorted(s.code for s in first.disqualification_signals) == ["no_budget", "rude_client"]
    lead = merge_lead(first, two, settings=S)
    assert [(s.code, s.call_id) for s in lead.disqualification_signals] == [("rude_client", "call-1")]
    assert lead.status == "disqualified" and lead.budget.amount == 100000


def test_no_budget_in_a_later_call_nulls_the_budget_and_keeps_it_in_history():
    first = merge_lead(None, first_call(), settings=S)
    lead = merge_lead(first, analysis("call-2", call("c: Бюджет сняли, денег нет."), lambda t: [
        answer(t, 0, "budget", none=True)]), settings=S)
    assert lead.budget is None and "no_budget" in [s.code for s in lead.disqualification_signals]
    assert [h.value["amount"] for h in lead.history if h.field == "budget"] == [100000]


def test_a_quiet_follow_up_keeps_the_lead_warm_and_products_accumulate():
    first = merge_lead(None, first_call(), settings=S)
    two = analysis("call-2", call("m: Напоминаю о себе.", "c: Да, помню.", "m: Ещё есть аналитика.", "c: Давайте."),
                   lambda t: [det(t, "cross_sell", 2, product="analytics", justified=True, reaction="none")])
    lead = merge_lead(first, two, settings=S)
    assert lead.temperature == "warm"
    assert lead.products_of_interest == ("crm",) and lead.cross_sell_offered == ("analytics",)
    assert lead.contact.name == "Ольга" and lead.fact_calls["contact"] == "call-1"


def test_a_final_no_cools_a_hot_lead_and_the_change_is_history():
    hot = analysis("call-1", call("c: Выставьте счёт."), lambda t: [])
    cold = analysis("call-2", call("c: Нам это не нужно, не звоните."), lambda t: [])
    lead = merge_lead(merge_lead(None, hot, settings=S), cold, settings=S)
    assert lead.temperature == "cold"
    assert ("temperature", "hot", "call-1") in [(h.field, h.value, h.call_id) for h in lead.history]


def test_the_analysis_lead_is_used_when_present_and_call_ids_accumulate():
    one = first_call(with_lead=True)
    one = replace(one, lead=replace(one.lead, products_of_interest=("crm", "from-the-stored-lead")))
    two = analysis("call-2", SECOND, lambda t: [])
    three = analysis("call-3", SECOND, lambda t: [])
    lead = merge_lead(merge_lead(merge_lead(None, one, settings=S), two, settings=S), three, settings=S)
    assert lead.products_of_interest == ("crm", "from-the-stored-lead")
    assert lead.call_ids == ("call-1", "call-2", "call-3")


def test_in_call_contradictions_are_tagged_with_their_call():
    one = analysis("call-1", call("c: Сто тысяч.", "c: Двадцать тысяч."), lambda t: [
        det(t, "contradiction", 1, topic="budget", earlier=None, later=None)])
    lead = merge_lead(None, one, settings=S)
    assert [(c.get("topic"), c.get("call_id")) for c in lead.contradictions] == [("budget", "call-1")]


def test_a_stored_lead_merges_like_the_live_one():
    """The API stores ``lead_to_dict`` and merges the next call into ``lead_from_dict`` of it."""
    from analyzer.contract import lead_from_dict

    first = merge_lead(None, first_call(), settings=S)
    second = merge_lead(first, analysis("call-2", SECOND, lambda t: [
        answer(t, 1, "budget", amount=300000, currency="RUB", period="year")]), settings=S)
    stored = lead_from_dict(lead_to_dict(second))
    assert stored == second
    third = analysis("call-3", call("c: Решает директор."), lambda t: [
        answer(t, 0, "authority", decision_maker="other", role="director")])
    assert merge_lead(stored, third, settings=S) == merge_lead(second, third, settings=S)


def test_putting_it_off_in_a_second_call_keeps_postponing():
    one = analysis("call-1", call("m: Когда вернёмся к вопросу?", "c: Перезвоните через месяц."), lambda t: [])
    two = analysis("call-2", call("m: Вы просили перезвонить.", "c: Да, но давайте позже, через пару недель."),
                   lambda t: [])
    first = merge_lead(None, one, settings=S)
    assert first.disqualification_signals == () and first.cue_calls == {"postponed": 1}
    lead = merge_lead(first, two, settings=S)
    assert lead.cue_calls["postponed"] == 2
    (signal,) = lead.disqualification_signals
    assert (signal.code, signal.call_id, signal.evidence.quote) == ("keeps_postponing", "call-2", "давайте позже")
    assert lead.status == "disqualified"


def test_rescheduling_a_meeting_is_not_postponing():
    one = analysis("call-1", call("c: Давайте перенесём на четверг."), lambda t: [])
    two = analysis("call-2", call("c: Давайте перенесём на пятницу."), lambda t: [])
    lead = merge_lead(merge_lead(None, one, settings=S), two, settings=S)
    assert lead.disqualification_signals == () and "postponed" not in lead.cue_calls
