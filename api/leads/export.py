"""Leads as CSV rows: the merged record flattened into the columns a CRM import expects."""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable

from api.leads.models import Lead

COLUMNS = ("id", "external_id", "phone", "company", "contact_name", "status", "temperature", "category",
           "budget_amount", "budget_min", "budget_max", "budget_currency", "budget_period", "decision_maker",
           "role", "need", "timeline_date", "next_step_date", "next_step_topic", "products_of_interest",
           "disqualification_signals", "updated_at")


def _get(record: dict[str, Any], *path: str) -> Any:
    value: Any = record
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def row(lead: Lead) -> dict[str, Any]:
    r = lead.record or {}
    return {
        "id": lead.id, "external_id": lead.external_id, "phone": lead.phone, "company": lead.company,
        "contact_name": _get(r, "contact", "name"), "status": lead.status, "temperature": lead.temperature,
        "category": lead.category, "budget_amount": _get(r, "budget", "amount"),
        "budget_min": _get(r, "budget", "min"), "budget_max": _get(r, "budget", "max"),
        "budget_currency": _get(r, "budget", "currency"), "budget_period": _get(r, "budget", "period"),
        "decision_maker": _get(r, "authority", "decision_maker"), "role": _get(r, "authority", "role"),
        "need": _get(r, "need", "summary"), "timeline_date": _get(r, "timeline", "date"),
        "next_step_date": _get(r, "next_step", "date"), "next_step_topic": _get(r, "next_step", "topic"),
        "products_of_interest": "; ".join(r.get("products_of_interest") or []),
        "disqualification_signals": "; ".join(s.get("code", "") for s in r.get("disqualification_signals") or []),
        "updated_at": lead.updated_at.isoformat(),
    }


def to_csv(leads: Iterable[Lead]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row(lead) for lead in leads)
    return out.getvalue()
