"""Listing calls with filters: who, which lead or team, when, how well, what was found or said."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from api.calls.models import Call, DetectionRow, Grade, GradeItem, TranscriptRow
from api.users.access import visible_manager_ids
from api.users.models import User, team_members
from api.users.service import find_user


@dataclass(frozen=True, slots=True)
class CallFilters:
    manager: str | None = None
    lead_id: int | None = None
    team_id: int | None = None
    status: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    score_min: float | None = None
    score_max: float | None = None
    item: str | None = None
    item_status: str | None = None
    detection: str | None = None
    q: str | None = None


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def call_conditions(session: Session, *, user: User, filters: CallFilters) -> list[ColumnElement[bool]]:
    """WHERE conditions selecting the calls ``user`` may see that match every given filter.

    Conditions on other tables are ``id IN (subquery)`` semi-joins, computed once rather than per call.
    """
    conditions: list[ColumnElement[bool]] = []
    visible = visible_manager_ids(session, user=user)
    if visible is not None:
        conditions.append(Call.manager_id.in_(visible))
    f = filters
    if f.manager:
        conditions.append(Call.manager_id == find_user(session, ref=f.manager).id)
    if f.team_id is not None:
        conditions.append(Call.manager_id.in_(select(team_members.c.user_id)
                                              .where(team_members.c.team_id == f.team_id)))
    for column, op, value in ((Call.lead_id, "eq", f.lead_id), (Call.status, "eq", f.status),
                              (Call.started_at, "ge", f.date_from), (Call.started_at, "le", f.date_to),
                              (Call.score, "ge", f.score_min), (Call.score, "le", f.score_max)):
        if value is not None:
            conditions.append(getattr(operator, op)(column, value))
    if f.item or f.item_status:
        graded = select(Grade.call_id).join(GradeItem, GradeItem.grade_id == Grade.id).where(Grade.current)
        if f.item:
            graded = graded.where(GradeItem.item_id == f.item)
        if f.item_status:
            graded = graded.where(GradeItem.status == f.item_status)
        conditions.append(Call.id.in_(graded))
    if f.detection:
        conditions.append(Call.id.in_(select(DetectionRow.call_id).where(DetectionRow.type == f.detection)))
    if f.q:
        conditions.append(Call.id.in_(select(TranscriptRow.call_id)
                                      .where(TranscriptRow.search_text.like(_like(f.q), escape="\\"))))
    return conditions


def list_calls(session: Session, *, user: User, filters: CallFilters, limit: int = 50,
               offset: int = 0) -> tuple[list[Call], int]:
    """A page of matching calls, newest first, and the total number of matches."""
    conditions = call_conditions(session, user=user, filters=filters)
    total = session.scalar(select(func.count(Call.id)).where(*conditions)) or 0
    rows = session.scalars(select(Call).where(*conditions).order_by(Call.started_at.desc(), Call.id.desc())
                           .limit(limit).offset(offset)).all()
    return list(rows), total
