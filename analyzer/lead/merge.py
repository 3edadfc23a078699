"""A lead across calls: the newest call's facts win, earlier values go to history, conflicts are flagged.

Whether two statements conflict is decided by ``nlp.facts.conflicts``, the same function the
in-call contradiction detector uses, so "these budgets disagree" means the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from analyzer.lead.build import FACT_FIELDS, build_lead, is_known, judge
from analyzer.lead.rules import RulesFile, load_rules
from analyzer.lead.signals import Findings, collect
from analyzer.lead.values import TOPICS, value_of
from analyzer.settings import Settings, get_settings
from analyzer.types import CallAnalysis, Contact, Detection, HistoryEntry, LeadRecord, Signal
from nlp.facts import conflicts

DETECTOR = "lead.merge.v1"
VERDICT_FIELDS = ("temperature", "status", "category")


def _merge_contact(old: Contact, new: Contact) -> Contact:
    """A newly said name or company wins; a part only said earlier is kept."""
    return Contact(new.name or old.name, new.company or old.company, new.evidence)


def _merge_facts(previous: LeadRecord, new: LeadRecord,
                 call_id: str | None) -> tuple[dict[str, Any], list[HistoryEntry]]:
    merged: dict[str, Any] = {}
    history: list[HistoryEntry] = []
    sources = dict(previous.fact_calls)
    for name in FACT_FIELDS:
        old, cur = getattr(previous, name), getattr(new, name)
        stated_none = name == "budget" and any(s.code == "no_budget" for s in new.disqualification_signals)
        if not (is_known(cur) or stated_none):
            merged[name] = old
            continue
        if name == "contact":
            cur = _merge_contact(old, cur)
        if is_known(old) and value_of(old) != value_of(cur):
            history.append(HistoryEntry(name, value_of(old), previous.fact_calls.get(name), old.evidence))
        merged[name] = cur
        if call_id:
            sources[name] = call_id
    merged["fact_calls"] = sources
    return merged, history


def _cross_call_contradictions(previous: LeadRecord, new: LeadRecord, call_id: str | None) -> list[Detection]:
    """Facts of the new call that conflict with the lead's earlier ones (a fact first stated now is no conflict)."""
    found = []
    for topic in TOPICS:
        before, after = getattr(previous, topic), getattr(new, topic)
        if before is None or after is None or after.evidence is None:
            continue
        if conflicts(topic, value_of(before), value_of(after)):
            found.append(Detection("contradiction", "client", after.evidence, DETECTOR, attributes={
                "topic": topic, "earlier": before.evidence, "later": after.evidence,
                "earlier_value": value_of(before), "later_value": value_of(after),
                "earlier_call": previous.fact_calls.get(topic), "later_call": call_id, "scope": "cross_call",
            }))
    return found


def _cue_calls(previous: LeadRecord, findings: Findings) -> dict[str, int]:
    counts = dict(previous.cue_calls)
    for name in {c.name for c in findings.cues}:
        counts[name] = counts.get(name, 0) + 1
    return counts


def _repeated(findings: Findings, counts: dict[str, int], rules: RulesFile, call_id: str | None) -> list[Signal]:
    """Signals of cues the new call repeats from earlier calls (a second "call me next month")."""
    last = {c.name: c.evidence for c in findings.cues}
    return [Signal(rc.signal, last[rc.cue], call_id) for rc in rules.merge.repeated_cues
            if rc.cue in last and counts[rc.cue] >= rc.calls]


def _merge_signals(previous: LeadRecord, new: LeadRecord, added: list[Signal],
                   rules: RulesFile, call_id: str | None) -> tuple[Signal, ...]:
    """Earlier signals stay unless the new call states the fact that clears them; one signal per code."""
    cleared = {code for code, topic in rules.merge.cleared_by_fact.items() if getattr(new, topic) is not None}
    kept = [s for s in previous.disqualification_signals if s.code not in cleared]
    added = [replace(s, call_id=s.call_id or call_id) for s in new.disqualification_signals] + added
    by_code: dict[str, Signal] = {}
    for signal in kept + added:
        by_code.setdefault(signal.code, signal)
    return tuple(by_code.values())


def _tag(detection: Detection, call_id: str | None) -> Detection:
    if call_id is None or "call_id" in detection.attributes:
        return detection
    return replace(detection, attributes={**detection.attributes, "call_id": call_id})


def merge_lead(previous: LeadRecord | None, analysis: CallAnalysis, *, settings: Settings | None = None) -> LeadRecord:
    """The lead record after one more call.

    Args:
        previous: the lead as it stood after its earlier calls (None for a first call).
        analysis: the new call; its ``lead`` is used when present, else built from its detections.
        settings: rules, thresholds and rates; the process settings by default.

    Returns:
        The new call's facts over the earlier ones (facts only earlier calls had are kept), earlier
        values in ``history`` with the call they came from, cross-call contradictions (also as the
        ``contradictory_statements`` signal), accumulated ``call_ids`` and a re-decided verdict.
    """
    settings = settings or get_settings()
    rules = load_rules(settings)
    call_id = analysis.call_id or analysis.transcript.call_id
    new = analysis.lead or build_lead(analysis.transcript, analysis.detections, settings=settings)
    first_call = previous is None
    previous = previous or LeadRecord()
    facts, history = _merge_facts(previous, new, call_id)
    contradictions = _cross_call_contradictions(previous, new, call_id)
    findings = collect(analysis.transcript, analysis.detections, rules, call_id)
    cue_calls = _cue_calls(previous, findings)
    raised = [Signal("contradictory_statements", d.evidence, call_id) for d in contradictions]
    raised += _repeated(findings, cue_calls, rules, call_id)
    merged = replace(
        new, **facts,
        products_of_interest=tuple(dict.fromkeys(previous.products_of_interest + new.products_of_interest)),
        cross_sell_offered=tuple(dict.fromkeys(previous.cross_sell_offered + new.cross_sell_offered)),
        disqualification_signals=_merge_signals(previous, new, raised, rules, call_id),
        contradictions=previous.contradictions + tuple(_tag(d, call_id) for d in new.contradictions)
        + tuple(contradictions),
        call_ids=previous.call_ids + tuple(c for c in [call_id] if c and c not in previous.call_ids),
        cue_calls=cue_calls,
    )
    merged = judge(merged, findings, rules, settings, analysis.transcript.language,
                   previous_temperature=previous.temperature)
    last_call = previous.call_ids[-1] if previous.call_ids else None
    verdict_history = [HistoryEntry(f, getattr(previous, f), last_call) for f in VERDICT_FIELDS
                       if not first_call and getattr(previous, f) not in (None, getattr(merged, f))]
    return replace(merged, history=previous.history + tuple(history) + tuple(verdict_history))
