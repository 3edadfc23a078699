"""Runs a rules file: facts about a lead in, temperature -> status -> category out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

from analyzer.lead.rules.schema import Condition, DetectionMatch, FixtureFacts, RulesFile
from analyzer.settings import Settings
from analyzer.types import Category, Detection, LeadStatus, Temperature


@dataclass(frozen=True, slots=True)
class LeadFacts:
    """What the rules may look at; ``temperature``/``status`` are filled as the decisions are made."""

    cues: frozenset[str] = frozenset()
    last_cue: str | None = None
    signals: frozenset[str] = frozenset()
    known: frozenset[str] = frozenset()
    yearly_budget_rub: float | None = None
    previous_temperature: Temperature | None = None
    temperature: Temperature | None = None
    status: LeadStatus | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    temperature: Temperature
    status: LeadStatus
    category: Category


def _threshold(value: float | str, settings: Settings) -> float:
    return float(getattr(settings, value)) if isinstance(value, str) else value


def holds(cond: Condition, facts: LeadFacts, settings: Settings) -> bool:
    """Whether every key of the condition holds for the facts."""
    checks = []
    if cond.all is not None:
        checks.append(all(holds(c, facts, settings) for c in cond.all))
    if cond.any is not None:
        checks.append(any(holds(c, facts, settings) for c in cond.any))
    if cond.not_ is not None:
        checks.append(not holds(cond.not_, facts, settings))
    if cond.cue_any is not None:
        checks.append(bool(facts.cues & set(cond.cue_any)))
    if cond.last_cue_in is not None:
        checks.append(facts.last_cue in cond.last_cue_in)
    if cond.has_signal is not None:
        checks.append(bool(facts.signals) == cond.has_signal)
    if cond.signal_any is not None:
        checks.append(bool(facts.signals & set(cond.signal_any)))
    if cond.known_all is not None:
        checks.append(set(cond.known_all) <= facts.known)
    if cond.budget_known is not None:
        checks.append(("budget" in facts.known) == cond.budget_known)
    if cond.yearly_budget_rub_at_least is not None:
        limit = _threshold(cond.yearly_budget_rub_at_least, settings)
        checks.append(facts.yearly_budget_rub is not None and facts.yearly_budget_rub >= limit)
    if cond.temperature_in is not None:
        checks.append(facts.temperature in cond.temperature_in)
    if cond.previous_temperature_in is not None:
        checks.append(facts.previous_temperature in cond.previous_temperature_in)
    if cond.status_in is not None:
        checks.append(facts.status in cond.status_in)
    return all(checks)


def decide(rules: RulesFile, facts: LeadFacts, settings: Settings) -> Verdict:
    """Temperature first, then status (which may read temperature), then category (which may read both)."""
    temperature = next((r.value for r in rules.temperature.rules if holds(r.when, facts, settings)),
                       rules.temperature.default)
    facts = replace(facts, temperature=temperature)
    status = next((r.value for r in rules.status.rules if holds(r.when, facts, settings)), rules.status.default)
    facts = replace(facts, status=status)
    category = next((r.value for r in rules.category.rules if holds(r.when, facts, settings)),
                    rules.category.default)
    return Verdict(temperature, status, category)


def _subset(expected: Mapping[str, Any], actual: Any) -> bool:
    return isinstance(actual, Mapping) and all(actual.get(k) == v for k, v in expected.items())


def matches(match: DetectionMatch, detection: Detection, latest: Mapping[str, Detection]) -> bool:
    """Whether a detection is one a cue/signal mapping applies to (``latest``: the last answer per topic)."""
    return (detection.type == match.type
            and (not match.latest_on_topic or latest.get(detection.get("topic")) is detection)
            and (match.speaker is None or detection.speaker == match.speaker)
            and (match.topic is None or detection.get("topic") == match.topic)
            and _subset(match.attributes, detection.attributes)
            and (not match.value or _subset(match.value, detection.get("value")))
            and not any(_value_sets(detection, key) for key in match.value_absent))


def _value_sets(detection: Detection, key: str) -> bool:
    value = detection.get("value")
    return isinstance(value, Mapping) and bool(value.get(key))


def fixture_facts(facts: FixtureFacts) -> LeadFacts:
    """The facts a rules fixture describes (its last cue defaults to the last one listed)."""
    return LeadFacts(
        cues=frozenset(facts.cues),
        last_cue=facts.last_cue or (facts.cues[-1] if facts.cues else None),
        signals=frozenset(facts.signals),
        known=frozenset(facts.known),
        yearly_budget_rub=facts.yearly_budget_rub,
        previous_temperature=facts.previous_temperature,
    )
