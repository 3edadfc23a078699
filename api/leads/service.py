"""Leads: found by external id or phone, their merged record, history and export."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from analyzer.errors import NotFound
from api.calls.models import Call
from api.leads.models import Lead, LeadEvent
from api.users.access import visible_manager_ids
from api.users.models import User

_PHONE = re.compile(r"^\+?[\d\s().-]{6,}$")


def normalize_phone(ref: str) -> str | None:
    """``+7 (912) 345-67-89`` -> ``+79123456789``; None when ``ref`` is not a phone number."""
    if not _PHONE.match(ref.strip()):
        return None
    digits = re.sub(r"\D", "", ref)
    if len(digits) > 15:  # longer than any E.164 number: an id made of digits
        return None
    return ("+" if ref.strip().startswith("+") else "") + digits


def get_or_create_lead(session: Session, *, ref: str) -> Lead:
    """The lead named by an external id or a phone number, created on first sight."""
    phone = normalize_phone(ref)
    where = Lead.phone == phone if phone else Lead.external_id == ref.strip()
    lead = session.scalar(select(Lead).where(where))
    if lead is None:
        lead = Lead(phone=phone) if phone else Lead(external_id=ref.strip())
        session.add(lead)
        session.flush()
    return lead


def visible_leads(session: Session, *, user: User) -> Select[tuple[Lead]]:
    """Leads with at least one call by a manager ``user`` may see."""
    query = select(Lead)
    managers = visible_manager_ids(session, user=user)
    if managers is not None:
        query = query.where(Lead.id.in_(select(Call.lead_id).where(Call.manager_id.in_(managers))))
    return query


def get_lead(session: Session, *, user: User, lead_id: int) -> Lead:
    """Gets a lead the user may see (404 otherwise: a lead has no single owner to name)."""
    lead = session.scalar(visible_leads(session, user=user).where(Lead.id == lead_id))
    if lead is None:
        raise NotFound(f"no lead {lead_id} among the leads you can see")
    return lead


def list_leads(session: Session, *, user: User, status: str | None = None, temperature: str | None = None,
               category: str | None = None, q: str | None = None, limit: int = 50,
               offset: int = 0) -> tuple[list[Lead], int]:
    """Lists visible leads, newest activity first, with the total before pagination."""
    query = visible_leads(session, user=user)
    for column, value in ((Lead.status, status), (Lead.temperature, temperature), (Lead.category, category)):
        if value is not None:
            query = query.where(column == value)
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(func.lower(func.coalesce(Lead.company, "")).like(pattern)
                            | func.coalesce(Lead.phone, "").like(pattern)
                            | func.lower(func.coalesce(Lead.external_id, "")).like(pattern))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Lead.updated_at.desc(), Lead.id.desc()).limit(limit).offset(offset)).all()
    return list(rows), total


def lead_events(session: Session, *, lead_id: int) -> list[LeadEvent]:
    return list(session.scalars(select(LeadEvent).where(LeadEvent.lead_id == lead_id).order_by(LeadEvent.id)))


def lead_call_ids(session: Session, *, lead_id: int) -> list[int]:
    return list(session.scalars(select(Call.id).where(Call.lead_id == lead_id).order_by(Call.started_at, Call.id)))


def apply_record(lead: Lead, record: dict[str, Any]) -> None:
    """Copies the merged record and its filterable fields onto the lead."""
    lead.record = record
    lead.status = record.get("status")
    lead.temperature = record.get("temperature")
    lead.category = record.get("category")
    company = (record.get("contact") or {}).get("company")
    if company:
        lead.company = company
