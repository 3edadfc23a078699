"""Listing calls with filters: who, which lead or team, when, how well, what was found or said."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, exists, func, select
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


def filtered_calls(session: Session, *, user: User, filters: CallFilters) -> Select[tuple[Call]]:
    """The calls ``user`` may see that match every given filter."""
    query = select(Call)
    visible = visible_manager_ids(session, user=user)
    if visible is not None:
        query = query.where(Call.manager_id.in_(visible))
    f = filters
    if f.manager:
        query = query.where(Call.manager_id == find_user(session, ref=f.manager).id)
    if f.team_id is not None:
        query = query.where(Call.manager_id.in_(select(team_members.c.user_id)
                                                .where(team_members.c.team_id == f.team_id)))
    for column, op, value in ((Call.lead_id, "eq", f.lead_id), (Call.status, "eq", f.status),
                              (Call.started_at, "ge", f.date_from), (Call.started_at, "le", f.date_to),
                              (Call.score, "ge", f.score_min), (Call.score, "le", f.score_max)):
        if value is not None:
            query = query.where(getattr(operator, op)(column, value))
    if f.item or f.item_status:
        match = exists().where(Grade.call_id == Call.id, Grade.current, GradeItem.grade_id == Grade.id)
        if f.item:
            match = match.where(GradeItem.item_id == f.item)
        if f.item_status:
            match = match.where(GradeItem.status == f.item_status)
        query = query.where(match)
    if f.detection:
        query = query.where(exists().where(DetectionRow.call_id == Call.id, DetectionRow.type == f.detection))
    if f.q:
        query = query.where(exists().where(TranscriptRow.call_id == Call.id,
                                           TranscriptRow.search_text.like(_like(f.q), escape="\\")))
    return query


def list_calls(session: Session, *, user: User, filters: CallFilters, limit: int = 50,
               offset: int = 0) -> tuple[list[Call], int]:
    """A page of matching calls, newest first, and the total number of matches."""
    query = filtered_calls(session, user=user, filters=filters)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = session.scalars(query.order_by(Call.started_at.desc(), Call.id.desc()).limit(limit).offset(offset)).all()
    return list(rows), total
