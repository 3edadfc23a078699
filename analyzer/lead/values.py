"""BANT value dicts (CONTRACTS.md ``bant.answer`` values) <-> the lead's typed facts.

The dict form is what detectors emit and what ``nlp.facts.conflicts`` compares; the typed form
is what the lead record holds. Both directions live here so the two never drift apart.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any, Mapping

from analyzer.types import Authority, Budget, Contact, Evidence, Need, NextStep, Timeline
from nlp.facts import to_date

# one reading of ISO dates for detector values, shared with the fact comparison
iso_date = to_date

log = logging.getLogger(__name__)

Fact = Budget | Authority | Need | Timeline
TOPICS: tuple[str, ...] = ("need", "budget", "authority", "timeline")
_PERIODS = {"month", "year", "one_off"}
_DECISION = {"self", "other", "joint"}


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _budget(v: Mapping[str, Any], ev: Evidence | None) -> Budget | None:
    amount, low, high = _number(v.get("amount")), _number(v.get("min")), _number(v.get("max"))
    if amount is None and low is None and high is None:
        return None
    period = v.get("period") if v.get("period") in _PERIODS else None
    currency = str(v["currency"]).upper() if v.get("currency") else None
    return Budget(amount, currency, period, ev, low, high)


def _authority(v: Mapping[str, Any], ev: Evidence | None) -> Authority | None:
    if v.get("decision_maker") not in _DECISION:
        return None
    role = v.get("role")
    return Authority(v["decision_maker"], str(role) if role else None, ev)


def _need(v: Mapping[str, Any], ev: Evidence | None) -> Need | None:
    if v.get("denied"):
        return None
    summary = v.get("summary") or (ev.quote if ev is not None else None)
    return Need(str(summary), ev) if summary else None


def _timeline(v: Mapping[str, Any], ev: Evidence | None) -> Timeline | None:
    day, start, end = iso_date(v.get("date")), iso_date(v.get("start")), iso_date(v.get("end"))
    text = v.get("text") or (ev.quote if ev is not None else "")
    if day is None and start is None and end is None and not v.get("text"):
        return None
    return Timeline(day or end, str(text), ev, start, end)


_BUILDERS = {"budget": _budget, "authority": _authority, "need": _need, "timeline": _timeline}


def fact_from_value(topic: str, value: Any, evidence: Evidence | None) -> Fact | None:
    """The typed fact a ``bant.answer`` value states, or None when it states none (or is malformed)."""
    if not isinstance(value, Mapping) or topic not in _BUILDERS:
        return None
    fact = _BUILDERS[topic](value, evidence)
    if fact is None:
        log.debug("bant.answer %s value %r states no usable fact", topic, value)
    return fact


def value_of(fact: Fact | NextStep | Contact | None) -> dict[str, Any] | None:
    """The value dict of a typed fact (no evidence), as detectors write it and ``conflicts`` reads it."""
    if fact is None:
        return None
    if isinstance(fact, Budget):
        return {"amount": fact.amount, "currency": fact.currency, "period": fact.period,
                "min": fact.min, "max": fact.max}
    if isinstance(fact, Authority):
        return {"decision_maker": fact.decision_maker, "role": fact.role}
    if isinstance(fact, Need):
        return {"summary": fact.summary}
    if isinstance(fact, Contact):
        return {"name": fact.name, "company": fact.company}
    if isinstance(fact, Timeline):
        return {"date": _str(fact.date), "start": _str(fact.start), "end": _str(fact.end), "text": fact.text}
    return {"date": _str(fact.date), "topic": fact.topic}


def _str(day: date | None) -> str | None:
    return day.isoformat() if day else None
