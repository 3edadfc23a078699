"""Calls: accepting uploads (stored first, then queued), reading them back, queueing a re-analysis."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer

from analyzer.errors import BadRequest, Conflict, Forbidden, NotFound
from analyzer.settings import Settings
from api.calls.media import classify, probe_audio, read_transcript
from api.calls.models import Call
from api.calls.storage import BlobStore
from api.db.base import utcnow
from api.leads.service import get_or_create_lead
from api.queue.database import add_job
from api.rubrics.service import get_version
from api.users.access import check_manager_visible
from api.users.models import User
from api.users.service import find_user

log = logging.getLogger(__name__)

ANALYZE = "analyze"


@dataclass(frozen=True, slots=True)
class Upload:
    """The uploaded file as the route received it."""

    stream: BinaryIO
    filename: str | None
    content_type: str | None


def create_call(session: Session, *, store: BlobStore, settings: Settings, user: User, upload: Upload,
                manager: str | None = None, external_id: str | None = None, lead: str | None = None,
                direction: str | None = None, started_at: datetime | None = None, rubric: str | None = None,
                rubric_version: int | None = None) -> tuple[Call, bool]:
    """Stores an upload, records the call and queues its analysis; commits before returning.

    Returns:
        The call and whether it is new (False: a call with this external id already existed).

    Raises:
        UnsupportedMediaType, PayloadTooLarge, AudioError, TranscriptError, UnknownRubric, Forbidden, BadRequest.
    """
    if external_id:
        existing = session.scalar(select(Call).where(Call.external_id == external_id))
        if existing is not None:
            check_manager_visible(session, user=user, manager_id=existing.manager_id)
            return existing, False
    owner = _resolve_manager(session, user=user, ref=manager)
    kind = classify(upload.content_type, upload.filename)
    stored = store.put(upload.stream, suffix=kind.suffix, max_bytes=int(settings.max_upload_mb * 2**20))
    path = store.path(stored.relative_path)
    duration = None
    if kind.kind == "transcript":
        transcript = read_transcript(path, name=upload.filename or "transcript")
        started_at = started_at or transcript.started_at
        duration = transcript.end_s
    else:
        duration = probe_audio(path, max_s=settings.max_audio_s)
    ref = get_version(session, settings=settings, rubric_id=rubric, version=rubric_version)
    started_at = started_at or utcnow()
    offset = started_at.utcoffset()
    call = Call(
        external_id=external_id or None, manager_id=owner.id, direction=direction,
        lead_id=get_or_create_lead(session, ref=lead).id if lead else None,
        started_at=started_at, duration_s=duration,
        utc_offset_min=int(offset.total_seconds() // 60) if offset is not None else None,
        input_kind=kind.kind, media_type=kind.media_type,
        filename=Path(upload.filename).name[-300:] if upload.filename else None, file_sha256=stored.sha256,
        file_path=stored.relative_path, file_size=stored.size, rubric=ref.id if rubric else None,
        rubric_version=rubric_version, status="queued",
    )
    session.add(call)
    try:
        session.flush()
        add_job(session, kind=ANALYZE, ref_id=call.id)
        session.commit()
    except IntegrityError:
        session.rollback()  # a concurrent retry of the same upload won the race
        existing = session.scalar(select(Call).where(Call.external_id == external_id)) if external_id else None
        if existing is None:
            raise
        return existing, False
    log.info("call %d queued (%s, %d bytes, sha256 %s)", call.id, kind.media_type, stored.size, stored.sha256)
    return call, True


def _resolve_manager(session: Session, *, user: User, ref: str | None) -> User:
    if not ref:
        if user.role == "manager":
            return user
        raise BadRequest("'manager' is required when the uploader is not a manager")
    try:
        owner = find_user(session, ref=ref)
    except NotFound as e:
        raise BadRequest(f"unknown manager {ref!r}") from e
    if user.role == "manager" and owner.id != user.id:
        raise Forbidden("managers upload only their own calls")
    check_manager_visible(session, user=user, manager_id=owner.id)
    return owner


def get_call(session: Session, *, user: User, call_id: int, with_analysis: bool = False) -> Call:
    """Gets a call the user may see (its large analysis JSON loaded too when asked)."""
    call = session.get(Call, call_id, options=[undefer(Call.analysis)] if with_analysis else None)
    if call is None:
        raise NotFound(f"no call {call_id}")
    check_manager_visible(session, user=user, manager_id=call.manager_id)
    return call


def reanalyze(session: Session, *, settings: Settings, user: User, call_id: int, rubric: str | None = None,
              rubric_version: int | None = None, transcribe: bool = False) -> Call:
    """Queues a new analysis of a call (a retry after a failure, or another rubric version)."""
    call = get_call(session, user=user, call_id=call_id)
    if call.status in ("queued", "processing"):
        raise Conflict(f"call {call_id} is already {call.status}")
    ref = get_version(session, settings=settings, rubric_id=rubric or call.rubric, version=rubric_version)
    call.rubric, call.rubric_version = ref.id, ref.version if rubric_version else None
    call.status, call.error = "queued", None
    add_job(session, kind=ANALYZE, ref_id=call.id, payload={"transcribe": transcribe})
    session.commit()
    return call


def audio_path(*, store: BlobStore, call: Call) -> Path:
    """The stored recording of a call."""
    if call.input_kind != "audio":
        raise NotFound(f"call {call.id} was uploaded as a transcript: it has no recording")
    path = store.path(call.file_path)
    if not path.is_file():
        raise NotFound(f"the recording of call {call.id} is missing from the store")
    return path
