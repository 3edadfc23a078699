"""One call's lead record: the client's facts as the detectors found them, then the rules' verdict."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from analyzer.lead.answers import latest_answers, when
from analyzer.lead.contact import find_contact
from analyzer.lead.money import yearly_rub
from analyzer.lead.rules import LeadFacts, RulesFile, decide, load_rules
from analyzer.lead.signals import Findings, collect
from analyzer.lead.values import TOPICS, Fact, fact_from_value, iso_date
from analyzer.settings import Settings, get_settings
from analyzer.types import Contact, Detection, LeadRecord, NextStep, Temperature, Transcript

FACT_FIELDS = ("contact", "budget", "authority", "need", "timeline", "next_step")


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _products(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def products_of_interest(detections: Sequence[Detection]) -> tuple[str, ...]:
    """Products the client's need names, and cross-sell offers the client accepted."""
    found: list[str] = []
    for d in sorted(detections, key=when):
        value = d.get("value") if isinstance(d.get("value"), dict) else {}
        if d.type == "bant.answer" and d.get("topic") == "need":
            found += _products(d.get("product")) + _products(value.get("product")) + _products(value.get("products"))
        elif d.type == "cross_sell" and d.get("reaction") == "accepted":
            found += _products(d.get("product"))
    return _unique(found)


def next_step(detections: Sequence[Detection]) -> NextStep | None:
    """The agreed next contact: the latest stated date and topic (a recap may repeat only one of them)."""
    steps = sorted((d for d in detections if d.type == "next_step"), key=when)
    if not steps:
        return None
    day = next((iso_date(d.get("date")) for d in reversed(steps) if iso_date(d.get("date"))), None)
    topic = next((str(d.get("topic")) for d in reversed(steps) if d.get("topic")), None)
    return NextStep(day, topic, steps[-1].evidence)


def bant_facts(detections: Sequence[Detection]) -> dict[str, Fact | None]:
    """Each BANT topic's value from the client's last statement on it (None when never stated)."""
    latest = latest_answers(detections)
    return {topic: fact_from_value(topic, latest[topic].get("value"), latest[topic].evidence)
            if topic in latest else None for topic in TOPICS}


def judge(lead: LeadRecord, findings: Findings, rules: RulesFile, settings: Settings,
          language: str | None = None, previous_temperature: Temperature | None = None) -> LeadRecord:
    """The record with temperature, status and category decided by the rules."""
    facts = LeadFacts(
        cues=frozenset(c.name for c in findings.cues),
        last_cue=findings.last_cue,
        signals=frozenset(s.code for s in lead.disqualification_signals),
        known=frozenset(t for t in TOPICS if getattr(lead, t) is not None),
        yearly_budget_rub=yearly_rub(lead.budget, settings, language),
        previous_temperature=previous_temperature,
    )
    verdict = decide(rules, facts, settings)
    return replace(lead, temperature=verdict.temperature, status=verdict.status, category=verdict.category)


def build_lead(transcript: Transcript, detections: Sequence[Detection], *,
               settings: Settings | None = None) -> LeadRecord:
    """The lead record of one call.

    Args:
        transcript: the call the detections point into.
        detections: what the detectors found (``bant.answer``, ``next_step``, ``cross_sell``, ``rudeness``, ...).
        settings: rules file, category thresholds and currency rates; the process settings by default.

    Returns:
        Facts from the client's last statements (None when never stated), cues-driven temperature,
        status, category and disqualification signals, each with evidence.

    Raises:
        DataFileError: the lead rules or phrase files are invalid.
    """
    settings = settings or get_settings()
    rules = load_rules(settings)
    call_id = transcript.call_id
    findings = collect(transcript, detections, rules, call_id)
    cross_sell = [d for d in sorted(detections, key=when) if d.type == "cross_sell"]
    lead = LeadRecord(
        contact=find_contact(transcript, detections),
        **bant_facts(detections),
        next_step=next_step(detections),
        products_of_interest=products_of_interest(detections),
        cross_sell_offered=_unique(_p for d in cross_sell for _p in _products(d.get("product"))),
        disqualification_signals=findings.signals,
        contradictions=tuple(sorted((d for d in detections if d.type == "contradiction"), key=when)),
        call_ids=(call_id,) if call_id else (),
        cue_calls={c.name: 1 for c in findings.cues},
    )
    if call_id:
        lead = replace(lead, fact_calls={f: call_id for f in FACT_FIELDS if is_known(getattr(lead, f))})
    return judge(lead, findings, rules, settings, transcript.language)


def is_known(value: object) -> bool:
    """Whether a lead field holds a fact (a contact counts once a name or company is known)."""
    if isinstance(value, Contact):
        return value.name is not None or value.company is not None
    return value is not None
