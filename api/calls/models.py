"""A call, and what its analysis produced: transcript, detections and one grade per rubric version."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Literal

from sqlalchemy import Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db.base import Base, utcnow

CallStatus = Literal["queued", "processing", "done", "failed"]
Direction = Literal["inbound", "outbound"]


class Call(Base):
    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id"), index=True)
    direction: Mapped[str | None] = mapped_column(String(10))
    started_at: Mapped[datetime] = mapped_column(index=True)
    utc_offset_min: Mapped[int | None]  # the caller's offset, so relative dates resolve in their local day
    duration_s: Mapped[float | None] = mapped_column(Float)
    input_kind: Mapped[str] = mapped_column(String(12))  # audio | transcript
    media_type: Mapped[str] = mapped_column(String(100))
    filename: Mapped[str | None] = mapped_column(String(300))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_path: Mapped[str] = mapped_column(String(300))  # relative to settings.data_dir
    file_size: Mapped[int]
    rubric: Mapped[str | None] = mapped_column(String(100))  # requested rubric id; None = the default
    rubric_version: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(12), default="queued", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    language: Mapped[str | None] = mapped_column(String(8))
    score: Mapped[float | None] = mapped_column(Float, index=True)  # of the current grade, for filters
    graded_with: Mapped[str | None] = mapped_column(String(120))  # ``rubric@version`` of the current grade
    # The CONTRACTS.md analysis JSON of the last run: large, so loaded only when asked for.
    analysis: Mapped[dict[str, Any] | None] = mapped_column(deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    analyzed_at: Mapped[datetime | None]

    @property
    def local_started_at(self) -> datetime:
        """``started_at`` in the offset the call was uploaded with."""
        offset = timezone(timedelta(minutes=self.utc_offset_min or 0))
        return self.started_at.astimezone(offset)

    transcript: Mapped[TranscriptRow | None] = relationship(cascade="all, delete-orphan", uselist=False)
    grades: Mapped[list[Grade]] = relationship(cascade="all, delete-orphan", order_by="Grade.id")


class TranscriptRow(Base):
    """The call's transcript JSON and a lower-cased plain text for full-text search."""

    __tablename__ = "transcripts"

    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8))
    data: Mapped[dict[str, Any]]
    search_text: Mapped[str] = mapped_column(Text)


class DetectionRow(Base):
    __tablename__ = "detections"
    __table_args__ = (Index("ix_detections_type_call", "type", "call_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(60))
    speaker: Mapped[str] = mapped_column(String(10))
    start_s: Mapped[float] = mapped_column(Float)
    quote: Mapped[str] = mapped_column(Text)
    detector: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict[str, Any]]  # the CONTRACTS.md detection object


class Grade(Base):
    """The call graded against one rubric version; the newest grade of a call is its current one."""

    __tablename__ = "grades"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    rubric: Mapped[str] = mapped_column(String(100))
    rubric_version: Mapped[int]
    score: Mapped[float] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float)
    data: Mapped[dict[str, Any]]  # the CONTRACTS.md grade object, as the engine produced it
    current: Mapped[bool] = mapped_column(default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    items: Mapped[list[GradeItem]] = relationship(cascade="all, delete-orphan", order_by="GradeItem.id",
                                                  lazy="selectin")


class GradeItem(Base):
    """One rubric item's verdict; ``status`` is the effective one (a coach's override wins)."""

    __tablename__ = "grade_items"
    __table_args__ = (Index("ix_grade_items_item_status", "item_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    grade_id: Mapped[int] = mapped_column(ForeignKey("grades.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(8))
    machine_status: Mapped[str] = mapped_column(String(8))
    points: Mapped[float] = mapped_column(Float)
    max_points: Mapped[float] = mapped_column(Float)
