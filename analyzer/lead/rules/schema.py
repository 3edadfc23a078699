"""The schema of lead rules files (``analyzer/lead/rules/*.yaml``).

A rules file says which detections give buying cues and disqualification signals, and which
facts decide temperature, status and category (first matching rule wins, else the default).
Every cue and signal a rule names must be declared in the file's vocabulary, so a typo is a
located error, not a rule that silently never fires. Fixtures (facts in -> expected verdicts)
ship with the rules and the tests run them.
"""

from __future__ import annotations

from typing import Any, Iterator, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from analyzer.datafile import StrictModel
from analyzer.settings import Settings
from analyzer.types import Category, LeadStatus, Speaker, Temperature

Topic = Literal["need", "budget", "authority", "timeline"]


class Condition(StrictModel):
    """Facts a rule needs; every key given must hold (``all``/``any``/``not`` combine conditions)."""

    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")
    cue_any: list[str] | None = None  # any of these cues was heard
    last_cue_in: list[str] | None = None  # the client's latest cue is one of these
    has_signal: bool | None = None  # any disqualification signal at all
    signal_any: list[str] | None = None
    known_all: list[Topic] | None = None  # these BANT facts are all known
    budget_known: bool | None = None
    # the yearly budget in roubles reaches a number, or a settings field (e.g. category_strategic_budget_rub)
    yearly_budget_rub_at_least: float | str | None = None
    temperature_in: list[Temperature] | None = None
    previous_temperature_in: list[Temperature] | None = None  # the lead's temperature before this call
    status_in: list[LeadStatus] | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> "Condition":
        if not self.model_fields_set:
            raise ValueError("a condition needs at least one key")
        return self

    @field_validator("yearly_budget_rub_at_least")
    @classmethod
    def _known_setting(cls, value: float | str | None) -> float | str | None:
        setting = Settings.model_fields.get(value) if isinstance(value, str) else None
        if isinstance(value, str) and (setting is None or not isinstance(setting.default, float)):
            raise ValueError(f"{value!r} is not a numeric setting (e.g. category_strategic_budget_rub)")
        return value


class DetectionMatch(StrictModel):
    """Which detections a mapping applies to; ``attributes`` and ``value`` match as subsets."""

    type: str = Field(min_length=1)
    speaker: Speaker | None = None
    topic: str | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    value: dict[str, Any] = Field(default_factory=dict)  # keys of the ``value`` attribute
    value_absent: list[str] = Field(default_factory=list)  # keys the ``value`` must not set (e.g. denied)
    # only the client's latest ``bant.answer`` on its topic counts (the last statement of a fact wins)
    latest_on_topic: bool = False


class DetectionCue(StrictModel):
    match: DetectionMatch
    cue: str


class DetectionSignal(StrictModel):
    """A detection that disqualifies: a fixed ``signal`` code, or the code found in attribute ``signal_from``."""

    match: DetectionMatch
    signal: str | None = None
    signal_from: str | None = None

    @model_validator(mode="after")
    def _one_code(self) -> "DetectionSignal":
        if (self.signal is None) == (self.signal_from is None):
            raise ValueError("give exactly one of 'signal' or 'signal_from'")
        return self


class TemperatureRule(StrictModel):
    value: Temperature
    when: Condition
    why: str = ""


class StatusRule(StrictModel):
    value: LeadStatus
    when: Condition
    why: str = ""


class CategoryRule(StrictModel):
    value: Category
    when: Condition
    why: str = ""


class TemperatureDecision(StrictModel):
    rules: list[TemperatureRule] = Field(min_length=1)
    default: Temperature


class StatusDecision(StrictModel):
    rules: list[StatusRule] = Field(min_length=1)
    default: LeadStatus


class CategoryDecision(StrictModel):
    rules: list[CategoryRule] = Field(min_length=1)
    default: Category


class RepeatedCue(StrictModel):
    """A cue heard in at least ``calls`` of a lead's calls (the newest among them) raises ``signal``."""

    cue: str
    calls: int = Field(ge=2)
    signal: str


class MergeRules(StrictModel):
    # an earlier call's signal is dropped when the new call states this fact ({no_budget: budget})
    cleared_by_fact: dict[str, Topic] = Field(default_factory=dict)
    repeated_cues: list[RepeatedCue] = Field(default_factory=list)


class FixtureFacts(StrictModel):
    cues: list[str] = Field(default_factory=list)
    last_cue: str | None = None  # defaults to the last of ``cues``
    signals: list[str] = Field(default_factory=list)
    known: list[Topic] = Field(default_factory=list)
    yearly_budget_rub: float | None = None
    previous_temperature: Temperature | None = None


class FixtureExpect(StrictModel):
    temperature: Temperature
    status: LeadStatus
    category: Category


class Fixture(StrictModel):
    name: str
    facts: FixtureFacts
    expect: FixtureExpect


class RulesFile(StrictModel):
    version: int = Field(ge=1)
    description: str = ""
    cues: list[str] = Field(min_length=1)
    signals: list[str] = Field(min_length=1)
    detection_cues: list[DetectionCue] = Field(default_factory=list)
    detection_signals: list[DetectionSignal] = Field(default_factory=list)
    temperature: TemperatureDecision
    status: StatusDecision
    category: CategoryDecision
    merge: MergeRules = MergeRules()
    fixtures: list[Fixture] = Field(min_length=1)

    @model_validator(mode="after")
    def _declared(self) -> "RulesFile":
        message = "{kind} '{name}' is not declared in '{kind}s'"
        errors = [InitErrorDetails(type=PydanticCustomError("undeclared", message, {"kind": kind, "name": name}),
                                   loc=loc, input=name)
                  for kind, name, loc in self._references()
                  if name not in (self.cues if kind == "cue" else self.signals)]
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        return self

    def _references(self) -> Iterator[tuple[str, str, tuple[Any, ...]]]:
        """Every cue and signal name the file uses, with its location."""
        for i, dc in enumerate(self.detection_cues):
            yield "cue", dc.cue, ("detection_cues", i, "cue")
        for i, ds in enumerate(self.detection_signals):
            if ds.signal:
                yield "signal", ds.signal, ("detection_signals", i, "signal")
        for section in ("temperature", "status", "category"):
            for i, rule in enumerate(getattr(self, section).rules):
                yield from _condition_refs(rule.when, (section, "rules", i, "when"))
        for code in self.merge.cleared_by_fact:
            yield "signal", code, ("merge", "cleared_by_fact", code)
        for i, rc in enumerate(self.merge.repeated_cues):
            yield "cue", rc.cue, ("merge", "repeated_cues", i, "cue")
            yield "signal", rc.signal, ("merge", "repeated_cues", i, "signal")
        for i, fx in enumerate(self.fixtures):
            for j, cue in enumerate(fx.facts.cues):
                yield "cue", cue, ("fixtures", i, "facts", "cues", j)
            for j, code in enumerate(fx.facts.signals):
                yield "signal", code, ("fixtures", i, "facts", "signals", j)


def _condition_refs(cond: Condition, loc: tuple[Any, ...]) -> Iterator[tuple[str, str, tuple[Any, ...]]]:
    for key, kind in (("cue_any", "cue"), ("last_cue_in", "cue"), ("signal_any", "signal")):
        for j, name in enumerate(getattr(cond, key) or ()):
            yield kind, name, (*loc, key, j)
    for key in ("all", "any"):
        for j, sub in enumerate(getattr(cond, key) or ()):
            yield from _condition_refs(sub, (*loc, key, j))
    if cond.not_ is not None:
        yield from _condition_refs(cond.not_, (*loc, "not"))
