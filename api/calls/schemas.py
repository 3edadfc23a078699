"""Call schemas per direction: what a client sends (``ReanalyzeRequest``) and reads (``CallPublic``...)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.calls.models import Call


class ManagerRef(BaseModel):
    id: int
    name: str


class CallPublic(BaseModel):
    """A call without its analysis: what lists return."""

    id: int
    status: Literal["queued", "processing", "done", "failed"]
    error: str | None
    attempts: int
    external_id: str | None
    manager: ManagerRef
    lead_id: int | None
    direction: str | None
    started_at: datetime
    duration_s: float | None
    input_kind: Literal["audio", "transcript"]
    media_type: str
    filename: str | None
    sha256: str
    size_bytes: int
    rubric: str | None = Field(description="The rubric requested (`id@version`, or `id` for its newest version); "
                                           "null for the default.")
    graded_with: str | None = Field(description="The rubric version of the current grade (`id@version`).")
    score: float | None
    language: str | None
    created_at: datetime
    analyzed_at: datetime | None

    @classmethod
    def of(cls, call: Call, *, manager_name: str) -> CallPublic:
        return cls(id=call.id, status=call.status, error=call.error, attempts=call.attempts,  # type: ignore[arg-type]
                   external_id=call.external_id, manager=ManagerRef(id=call.manager_id, name=manager_name),
                   lead_id=call.lead_id, direction=call.direction, started_at=call.local_started_at,
                   duration_s=call.duration_s, input_kind=call.input_kind,  # type: ignore[arg-type]
                   media_type=call.media_type,
                   filename=call.filename, sha256=call.file_sha256, size_bytes=call.file_size,
                   rubric=_requested(call), graded_with=call.graded_with, score=call.score, language=call.language,
                   created_at=call.created_at, analyzed_at=call.analyzed_at)


def _requested(call: Call) -> str | None:
    if call.rubric and call.rubric_version:
        return f"{call.rubric}@{call.rubric_version}"
    return call.rubric


class OverridePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    item_id: str
    previous_status: str
    status: str
    reason: str
    author_id: int
    created_at: datetime


class CallDetail(CallPublic):
    """A call with its CONTRACTS.md analysis and the coaches' overrides of its current grade."""

    analysis: dict[str, Any] | None = Field(description="The CONTRACTS.md call analysis (null until analyzed).")
    effective_items: dict[str, str] = Field(default_factory=dict,
                                            description="Current item statuses, coach overrides applied.")
    overrides: list[OverridePublic] = Field(default_factory=list)


class CallList(BaseModel):
    items: list[CallPublic]
    total: int
    limit: int
    offset: int


class ReanalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rubric: str | None = Field(default=None, description="Rubric id; the call's rubric by default.")
    rubric_version: int | None = Field(default=None, ge=1, description="A version; the newest by default.")
    transcribe: bool = Field(default=False, description="Run speech recognition again instead of reusing it.")
