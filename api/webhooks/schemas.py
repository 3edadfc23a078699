"""Webhook subscription and delivery schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, UrlConstraints

Event = Literal["call.analyzed", "call.failed"]


class SubscriptionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: Annotated[AnyHttpUrl, UrlConstraints(max_length=2000)]
    events: list[Event] = Field(default=["call.analyzed", "call.failed"], min_length=1)
    secret: str | None = Field(default=None, min_length=16, max_length=200,
                               description="HMAC key; generated when omitted (returned once, here).")


class SubscriptionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    events: list[str]
    active: bool
    created_at: datetime


class SubscriptionCreated(SubscriptionPublic):
    secret: str = Field(description="Verify `X-Callgrade-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.")


class DeliveryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    event: str
    call_id: int | None
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    response_status: int | None
    error: str | None
    created_at: datetime
    delivered_at: datetime | None
