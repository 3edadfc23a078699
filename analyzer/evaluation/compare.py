"""Scoring one call's analysis against its gold labels.

Everything is compared at call level (a type is predicted when the analysis has at least one
detection of it), so scores do not depend on how many times a detector fires. Values compare
exactly after normalisation: numbers as floats, text case-folded, dates as ISO strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from analyzer.evaluation.gold import DETECTION_TYPES, Expect, Gold, GoldLead
from analyzer.types import CallAnalysis, Detection, LeadRecord


@dataclass(frozen=True, slots=True)
class Check:
    """One compared value: what the gold says, what the analysis gave, and whether they agree."""

    field: str
    expected: Any
    got: Any
    ok: bool


@dataclass(frozen=True, slots=True)
class CaseResult:
    """How one call scored; ``grade``/``lead`` are ``None`` when the gold or the analysis lacks them."""

    name: str
    language: str
    gold_types: Mapping[str, bool]
    predicted_types: Mapping[str, bool]
    expect: tuple[Check, ...]
    bant: tuple[Check, ...]
    grade: tuple[Check, ...] | None
    lead: tuple[Check, ...] | None


def norm(value: Any) -> Any:
    """The comparable form of a gold or predicted value."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return round(float(value), 2)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip().casefold()
    return value


def _check(field: str, expected: Any, got: Any) -> Check:
    return Check(field, norm(expected), norm(got), norm(expected) == norm(got))


def matches(expect: Expect, detection: Detection) -> bool:
    """Whether a detection satisfies every attribute an ``expect`` entry names."""
    if detection.type != expect.type:
        return False
    for key, wanted in expect.attributes().items():
        got = detection.speaker if key == "speaker" else detection.get(key)
        if norm(got) != norm(wanted):
            return False
    return True


def _expect_label(expect: Expect) -> str:
    attrs = ", ".join(f"{k}={norm(v)}" for k, v in expect.attributes().items())
    return f"{expect.type}({attrs})" if attrs else expect.type


def last_value(detections: tuple[Detection, ...], topic: str) -> Mapping[str, Any]:
    """The client's last non-empty ``bant.answer`` value on ``topic`` (the last statement wins)."""
    for d in reversed(detections):
        value = d.get("value")
        if d.type == "bant.answer" and d.get("topic") == topic and isinstance(value, Mapping) and value:
            return value
    return {}


def _last_next_step_date(detections: tuple[Detection, ...]) -> Any:
    return next((d.get("date") for d in reversed(detections) if d.type == "next_step" and d.get("date")), None)


def bant_checks(lead: GoldLead | None, detections: tuple[Detection, ...]) -> tuple[Check, ...]:
    """BANT values as the detectors extracted them, against the gold's non-null lead values."""
    if lead is None:
        return ()
    checks: list[Check] = []
    for topic in ("budget", "authority"):
        expected = getattr(lead, topic)
        if expected is not None:
            checks += [_value_check(f"{topic}.{k}", getattr(expected, k), last_value(detections, topic))
                       for k in sorted(expected.model_fields_set)]
    if lead.timeline is not None and lead.timeline.date is not None:
        checks.append(_value_check("timeline.date", lead.timeline.date, last_value(detections, "timeline"), "date"))
    if lead.next_step is not None and lead.next_step.date is not None:
        checks.append(_check("next_step.date", lead.next_step.date, _last_next_step_date(detections)))
    return tuple(checks)


def _value_check(field: str, expected: Any, value: Mapping[str, Any], key: str | None = None) -> Check:
    """A value field; without any answer on the topic it is a miss even where the gold field is null."""
    if not value:
        return Check(field, norm(expected), "(no answer)", False)
    return _check(field, expected, value.get(key or field.split(".", 1)[1]))


def _fields(obj: Any, keys: set[str] | None = None) -> dict[str, Any] | None:
    """The named (default: all non-evidence) fields of a value object, normalised; ``None`` stays ``None``."""
    if obj is None:
        return None
    names = keys if keys is not None else {f for f in obj.__dataclass_fields__ if f != "evidence"}
    return {k: norm(getattr(obj, k, None)) for k in sorted(names)}


def lead_checks(gold: GoldLead, lead: LeadRecord) -> tuple[Check, ...]:
    """Every lead field the gold names, compared with the built lead record."""
    checks: list[Check] = []
    for field in gold.checked():
        expected, got = getattr(gold, field), getattr(lead, field)
        if field in ("budget", "authority", "timeline", "next_step"):
            if expected is None:
                checks.append(Check(field, None, _fields(got), got is None))
            else:
                keys = set(expected.model_fields_set)
                want, have = _fields(expected, keys), _fields(got, keys)
                checks.append(Check(field, want, have, want == have))
        elif field == "need":
            checks.append(_check(field, expected, True if got is not None else None))
        elif field == "disqualification_signals":
            want_codes, got_codes = sorted(set(expected or [])), sorted({s.code for s in got})
            checks.append(Check(field, want_codes, got_codes, want_codes == got_codes))
        else:
            checks.append(_check(field, expected, got))
    return tuple(checks)


def score_case(name: str, gold: Gold, analysis: CallAnalysis) -> CaseResult:
    """Compares one analysis with its gold labels."""
    detections = analysis.detections
    present = {d.type for d in detections}
    found = [any(matches(e, d) for d in detections) for e in gold.expect]
    expect = tuple(Check(_expect_label(e), True, hit, hit) for e, hit in zip(gold.expect, found))
    grade = None
    if gold.grade is not None and analysis.grade is not None:
        predicted = {i.id: i.status for i in analysis.grade.items}
        grade = tuple(_check(item, status, predicted.get(item, "missing")) for item, status in gold.grade.by_item().items())
    lead = lead_checks(gold.lead, analysis.lead) if gold.lead is not None and analysis.lead is not None else None
    return CaseResult(
        name=name,
        language=gold.language,
        gold_types=gold.detections.by_type(),
        predicted_types={t: t in present for t in DETECTION_TYPES},
        expect=expect,
        bant=bant_checks(gold.lead, detections),
        grade=grade,
        lead=lead,
    )
