"""The schema of rubric files (``rubrics/<id>.yaml``): strict, so a typo is a located error, not a silent pass.

A rubric is a list of items; each item names one check (a tree of check kinds, discriminated by
``kind``), an optional ``applies_when`` check (false -> the item is ``na``), pass/fail messages and a
coaching tip in every language of the rubric. Check kinds carry a version (``detection.present.v1``):
a published version never changes behaviour; new behaviour gets a new kind.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, model_validator

from analyzer.datafile import StrictModel

# The detection types of CONTRACTS.md: a rubric naming any other type is a typo.
DetectionType = Literal[
    "bant.question", "bant.answer", "price_first", "rudeness", "contradiction",
    "cross_sell", "greeting", "next_step", "summary", "meeting_invite",
]
Language = Literal["ru", "en"]
Scalar = Union[bool, int, float, str]
Role = Literal["manager", "client", "unknown"]
_NAME = r"^[a-z][a-z0-9_]*$"


class Text(StrictModel):
    """A phrase per language; the loader checks that every language of the rubric is present."""

    ru: str | None = None
    en: str | None = None


class Messages(StrictModel):
    """Message templates per language. A list holds alternatives: the first whose placeholders the
    evidence can fill is used, so a message can quote the call when there is something to quote."""

    ru: list[str] | None = Field(default=None, min_length=1)
    en: list[str] | None = Field(default=None, min_length=1)


class ItemMessages(StrictModel):
    pass_: Messages = Field(alias="pass")
    fail: Messages
    na: Messages | None = None


class Window(StrictModel):
    """Where in the call a detection must start: exactly one bound."""

    first_s: float | None = Field(default=None, gt=0)
    last_s: float | None = Field(default=None, gt=0)
    first_fraction: float | None = Field(default=None, gt=0, le=1)
    last_fraction: float | None = Field(default=None, gt=0, le=1)
    first_utterances: int | None = Field(default=None, ge=1)
    last_utterances: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _exactly_one(self) -> Window:
        if sum(v is not None for v in self.model_dump().values()) != 1:
            raise ValueError("a window has exactly one of first_s, last_s, first_fraction, last_fraction, "
                             "first_utterances, last_utterances")
        return self


class _Check(StrictModel):
    # Facts of a named check are also published as ``{name.key}`` placeholders.
    name: str | None = Field(default=None, pattern=_NAME)


class Selector(StrictModel):
    """Selects detections: by type, speaker, topic, attribute values, attributes present, window.

    Attribute names may be dotted paths into value dicts (``value.refused``).
    """

    type: DetectionType
    speaker: Role | None = None
    topic: str | list[str] | None = None
    attributes: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    exclude: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)  # skip detections matching any of these
    has: list[str] = Field(default_factory=list)  # attributes that must be present and not null
    window: Window | None = None


class _DetectionCheck(Selector):
    name: str | None = Field(default=None, pattern=_NAME)


class DetectionPresent(_DetectionCheck):
    """Passes when at least one detection matches."""

    kind: Literal["detection.present.v1"]


class DetectionAbsent(_DetectionCheck):
    """Passes when no detection matches; fails with the matching ones as evidence."""

    kind: Literal["detection.absent.v1"]


class _Bounded(StrictModel):
    """A check with a ``min``/``max`` range (subclasses may narrow the fields' types)."""

    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _bounded(self) -> _Bounded:
        low, high = self.min, self.max
        if low is None and high is None:
            raise ValueError("give min, max or both")
        if low is not None and high is not None and low > high:
            raise ValueError(f"min {low} is greater than max {high}")
        return self


class DetectionCount(_DetectionCheck, _Bounded):
    """Passes when the number of matches (or of their distinct ``distinct`` attribute values) is in [min, max]."""

    kind: Literal["detection.count.v1"]
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    distinct: str | None = None


class MetricThreshold(_Check, _Bounded):
    """Passes when a metric (``questions.manager``, ``silence_share``) is in [min, max]."""

    kind: Literal["metric.threshold.v1"]
    metric: str = Field(pattern=r"^(?:(?:talk_ratio|longest_monologue_s|questions|interruptions|words_per_minute)"
                                r"\.(?:manager|client|unknown)|silence_share|longest_silence_s)$")


class OrderBefore(_Check):
    """Passes when a ``first`` detection starts before every ``then`` detection (no ``then``: passes;
    no ``first``: fails)."""

    kind: Literal["order.before.v1"]
    first: Selector
    then: Selector


class AllOf(_Check):
    kind: Literal["all.v1"]
    checks: list[Check] = Field(min_length=1)


class AnyOf(_Check):
    kind: Literal["any.v1"]
    checks: list[Check] = Field(min_length=1)


class Not(_Check):
    kind: Literal["not.v1"]
    check: Check


Check = Annotated[
    Union[DetectionPresent, DetectionAbsent, DetectionCount, MetricThreshold, OrderBefore, AllOf, AnyOf, Not],
    Field(discriminator="kind"),
]


class Item(StrictModel):
    id: str = Field(pattern=_NAME)
    title: Text
    points: float = Field(gt=0)
    severity: Literal["low", "medium", "high", "critical"]
    check: Check
    applies_when: Check | None = None
    messages: ItemMessages
    tip: Text


class Rubric(StrictModel):
    """A validated rubric. ``labels`` translate attribute values (``budget`` -> «бюджет») in messages."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    version: int = Field(ge=1)
    title: Text
    description: str = ""
    languages: list[Language] = Field(min_length=1)
    labels: dict[str, Text] = Field(default_factory=dict)
    items: list[Item] = Field(min_length=1)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)


for _model in (AllOf, AnyOf, Not, Item, Rubric):
    _model.model_rebuild()
