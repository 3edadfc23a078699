"""The gold file format: what a call really contains, written by hand, checked strictly.

Gold files sit beside a transcript (``NAME.txt`` / ``NAME.transcript.json``) or a recording
and state, per call, which detection types occur, finer expectations about their attributes,
the lead fields and the default rubric's item statuses. A typo in a gold file would silently
skew every score measured on it, so unknown keys, wrong types and missing truths are errors
located at ``file:line path``.
"""

from __future__ import annotations

from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from analyzer.datafile import load_yaml_model
from analyzer.errors import DataFileError

DetectionType = Literal[
    "greeting", "bant.question", "bant.answer", "price_first", "rudeness", "contradiction",
    "cross_sell", "next_step", "summary", "meeting_invite",
]
DETECTION_TYPES: tuple[str, ...] = get_args(DetectionType)
RUBRIC_ITEMS: tuple[str, ...] = (
    "greeting", "target_check", "need_discovered", "budget_discovered", "authority_discovered",
    "timeline_discovered", "price_handling", "cross_sell", "manager_led", "politeness", "next_step", "summary",
)

GoldStatus = Literal["pass", "fail", "na"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class GoldDetections(_Strict):
    """Call-level truth for every detection type: true = at least one such detection in the call."""

    greeting: bool
    bant_question: bool = Field(alias="bant.question")
    bant_answer: bool = Field(alias="bant.answer")
    price_first: bool
    rudeness: bool
    contradiction: bool
    cross_sell: bool
    next_step: bool
    summary: bool
    meeting_invite: bool

    def by_type(self) -> dict[str, bool]:
        return {t: getattr(self, t.replace(".", "_")) for t in DETECTION_TYPES}


class Expect(_Strict):
    """A finer truth: at least one detection of ``type`` has every attribute given here."""

    type: DetectionType
    speaker: Literal["manager", "client"] | None = None
    topic: Literal["budget", "authority", "need", "timeline", "other"] | None = None
    manager_response: Literal["named_price", "built_value", "ignored"] | None = None
    kind: Literal["profanity", "insult", "dismissive"] | None = None
    reaction: Literal["accepted", "declined", "none"] | None = None
    justified: bool | None = None
    product: str | None = None
    company_named: bool | None = None
    name_named: bool | None = None
    offer_of_help: bool | None = None
    date: Date | None = None

    def attributes(self) -> dict[str, object]:
        """The attributes this entry constrains (``type`` excluded)."""
        return {k: getattr(self, k) for k in sorted(self.model_fields_set) if k != "type"}


class GoldBudget(_Strict):
    amount: float | None = None
    min: float | None = None
    max: float | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    period: Literal["month", "year", "one_off"] | None = None


class GoldAuthority(_Strict):
    decision_maker: Literal["self", "other", "joint"]
    role: str | None = None


class GoldTimeline(_Strict):
    date: Date | None = None


class GoldNextStep(_Strict):
    date: Date | None = None


class GoldLead(_Strict):
    """Expected lead fields; a field left out is not checked, ``null`` means it must be empty."""

    budget: GoldBudget | None = None
    authority: GoldAuthority | None = None
    need: Literal[True] | None = None
    timeline: GoldTimeline | None = None
    next_step: GoldNextStep | None = None
    temperature: Literal["cold", "warm", "hot"] | None = None
    status: Literal["unqualified", "mql", "sql", "disqualified"] | None = None
    category: Literal["strategic", "perspective", "operational", "problem"] | None = None
    disqualification_signals: list[str] | None = None

    def checked(self) -> tuple[str, ...]:
        """The fields the author wrote down, in a stable order."""
        return tuple(f for f in type(self).model_fields if f in self.model_fields_set)


class GoldGrade(_Strict):
    """Expected status of every item of the default rubric."""

    greeting: GoldStatus
    target_check: GoldStatus
    need_discovered: GoldStatus
    budget_discovered: GoldStatus
    authority_discovered: GoldStatus
    timeline_discovered: GoldStatus
    price_handling: GoldStatus
    cross_sell: GoldStatus
    manager_led: GoldStatus
    politeness: GoldStatus
    next_step: GoldStatus
    summary: GoldStatus

    def by_item(self) -> dict[str, str]:
        return {i: getattr(self, i) for i in RUBRIC_ITEMS}


class Gold(_Strict):
    """One call's gold labels."""

    language: Literal["ru", "en"]
    started_at: datetime
    channels: Literal["stereo", "mono"] | None = None
    description: str = ""
    detections: GoldDetections
    expect: list[Expect] = []
    lead: GoldLead | None = None
    grade: GoldGrade | None = None


def load_gold(path: str | Path, *, text: str | None = None) -> Gold:
    """Reads and validates a gold file.

    Raises:
        DataFileError: the file is unreadable, not YAML, or breaks the schema; the message lists
            each problem as ``file:line path: message``.
    """
    return load_yaml_model(path, Gold, error=DataFileError, text=text)
