"""Feedback and team-overview responses."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from api.calls.schemas import ManagerRef


class TrendPoint(BaseModel):
    call_id: int
    started_at: datetime
    score: float


class ItemRate(BaseModel):
    id: str
    title: str
    pass_rate: float | None
    team_pass_rate: float | None
    counts: dict[str, int]


class Example(BaseModel):
    call_id: int
    quote: str | None
    message: str


class WeakItem(ItemRate):
    tip: str
    examples: list[Example]


class Feedback(BaseModel):
    manager: ManagerRef
    calls: int
    average_score: float | None
    recent_average: float | None
    earlier_average: float | None
    score_trend: list[TrendPoint]
    items: list[ItemRate]
    weakest: list[WeakItem]


class TeamRef(BaseModel):
    id: int
    name: str


class ManagerStats(BaseModel):
    id: int
    name: str
    calls: int
    average_score: float | None


class TeamItemRate(BaseModel):
    id: str
    pass_rate: float | None
    counts: dict[str, int]


class TeamOverview(BaseModel):
    team: TeamRef
    managers: list[ManagerStats]
    items: list[TeamItemRate]
    open_disputes: int
