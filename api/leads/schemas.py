"""Lead schemas: list rows, the detail with history, and the export columns."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class LeadPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    external_id: str | None
    phone: str | None
    company: str | None
    status: str | None
    temperature: str | None
    category: str | None
    created_at: datetime
    updated_at: datetime


class LeadEventPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    call_id: int
    created_at: datetime
    record: dict[str, Any] = Field(description="The merged record right after this call was merged in.")


class LeadDetail(LeadPublic):
    record: dict[str, Any] | None = Field(description="The CONTRACTS.md lead record merged over all calls.")
    history: list[dict[str, Any]] = Field(description="Earlier values of fields later calls changed.")
    contradictions: list[dict[str, Any]] = Field(description="Conflicting client statements, across calls.")
    call_ids: list[int]
    events: list[LeadEventPublic]


class LeadList(BaseModel):
    items: list[LeadPublic]
    total: int
    limit: int
    offset: int
