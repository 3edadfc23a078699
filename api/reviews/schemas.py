"""Review schemas: comment, override and dispute requests, and what is read back."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["pass", "fail", "na"]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CommentCreate(_Request):
    text: str = Field(min_length=1, max_length=10_000)
    at_s: float | None = Field(default=None, ge=0, description="Anchor: seconds from the start of the call.")
    item_id: str | None = Field(default=None, max_length=100, description="Anchor: a rubric item.")


class CommentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    call_id: int
    author_id: int
    at_s: float | None
    item_id: str | None
    text: str
    created_at: datetime


class OverrideCreate(_Request):
    item_id: str = Field(max_length=100)
    status: Status
    reason: str = Field(min_length=3, max_length=5_000)


class DisputeCreate(_Request):
    item_id: str = Field(max_length=100)
    reason: str = Field(min_length=3, max_length=5_000)


class DisputeResolve(_Request):
    decision: Literal["accept", "reject"]
    resolution: str = Field(min_length=3, max_length=5_000)
    status: Status | None = Field(default=None, description="The item's new status when accepted (default: "
                                                            "pass and fail swap).")


class DisputePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    call_id: int
    item_id: str
    reason: str
    raised_by: int
    status: Literal["open", "accepted", "rejected"]
    resolution: str | None
    resolved_by: int | None
    created_at: datetime
    resolved_at: datetime | None
