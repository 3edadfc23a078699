"""``/v1/leads``: merged lead records with history, filters and CSV / JSON export."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.deps import CurrentUser, Id, Limit, Offset, SessionDep
from api.errors import ERROR_RESPONSES
from api.leads import service
from api.leads.export import row, to_csv
from api.leads.schemas import LeadDetail, LeadEventPublic, LeadList, LeadPublic

router = APIRouter(prefix="/v1/leads", tags=["leads"], responses={k: ERROR_RESPONSES[k] for k in (401, 403, 404)})

StatusQ = Annotated[Literal["unqualified", "mql", "sql", "disqualified"] | None, Query(alias="status")]
TemperatureQ = Annotated[Literal["cold", "warm", "hot"] | None, Query()]
CategoryQ = Annotated[Literal["strategic", "perspective", "operational", "problem"] | None, Query()]
SearchQ = Annotated[str | None, Query(min_length=2, description="Company, phone or external id contains.")]


@router.get("", response_model=LeadList)
def get_leads(session: SessionDep, user: CurrentUser, status_: StatusQ = None, temperature: TemperatureQ = None,
              category: CategoryQ = None, q: SearchQ = None, limit: Limit = 50,
              offset: Offset = 0) -> LeadList:
    """Lists the leads of the calls you may see, latest activity first."""
    leads, total = service.list_leads(session, user=user, status=status_, temperature=temperature,
                                      category=category, q=q, limit=limit, offset=offset)
    return LeadList(items=[LeadPublic.model_validate(x) for x in leads], total=total, limit=limit, offset=offset)


@router.get("/export", responses={200: {"content": {"text/csv": {}, "application/json": {}}}})
def export_leads(session: SessionDep, user: CurrentUser, format: Literal["csv", "json"] = "csv",  # noqa: A002
                 status_: StatusQ = None, temperature: TemperatureQ = None, category: CategoryQ = None,
                 q: SearchQ = None) -> Response:
    """Every matching lead as CSV (flattened columns) or JSON (rows plus the full merged record)."""
    leads, _ = service.list_leads(session, user=user, status=status_, temperature=temperature, category=category,
                                  q=q, limit=1_000_000, offset=0)
    if format == "csv":
        return Response(to_csv(leads), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="leads.csv"'})
    body = [{**row(lead), "record": lead.record} for lead in leads]
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/json",
                    headers={"Content-Disposition": 'attachment; filename="leads.json"'})


@router.get("/{lead_id}", response_model=LeadDetail)
def get_lead(lead_id: Id, session: SessionDep, user: CurrentUser) -> LeadDetail:
    """A lead's merged record, its history call by call and its cross-call contradictions."""
    lead = service.get_lead(session, user=user, lead_id=lead_id)
    record = lead.record or {}
    return LeadDetail(**LeadPublic.model_validate(lead).model_dump(), record=lead.record,
                      history=list(record.get("history") or []),
                      contradictions=list(record.get("contradictions") or []),
                      call_ids=service.lead_call_ids(session, lead_id=lead.id),
                      events=[LeadEventPublic.model_validate(e) for e in service.lead_events(session, lead_id=lead.id)])
