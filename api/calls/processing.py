"""The ``analyze`` job: transcript (read or recognised), detections, grade, lead merge, webhooks."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from analyzer.contract import transcript_from_dict
from analyzer.errors import CallgradeError, JobInterrupted
from analyzer.pipeline import analyze_transcript, transcribe_file
from analyzer.settings import Settings
from analyzer.types import Transcript
from api.calls.media import read_transcript
from api.calls.models import Call
from api.calls.results import merge_into_lead, store_analysis, store_transcript
from api.calls.storage import BlobStore
from api.queue.base import Job
from api.rubrics.service import get_version, materialize
from api.webhooks.service import emit

log = logging.getLogger(__name__)


def analyze_call(job: Job, *, sessions: sessionmaker[Session], store: BlobStore, settings: Settings) -> None:
    """Analyzes one call; a failure is stored on the call (status ``failed``, ``error``) and re-raised."""
    with sessions() as session:
        call = session.get(Call, job.ref_id)
        if call is None:
            log.warning("job %d: call %d no longer exists", job.id, job.ref_id)
            return
        call.status, call.error, call.attempts = "processing", None, call.attempts + 1
        session.commit()
        try:
            if job.attempts > settings.job_max_attempts:
                raise JobInterrupted(f"the analysis was interrupted {job.attempts - 1} times; retry it to try again")
            transcript = _transcript(session, call=call, store=store, settings=settings,
                                     transcribe=bool(job.payload.get("transcribe")))
            ref = get_version(session, settings=settings, rubric_id=call.rubric, version=call.rubric_version)
            rubric_path = materialize(ref, settings=settings)
            session.commit()  # keep the recognised transcript even if grading fails
            analysis = analyze_transcript(transcript, rubric=rubric_path, settings=settings)
            store_analysis(session, call=call, analysis=analysis)
            lead = merge_into_lead(session, call=call, analysis=analysis)
            call.status = "done"
            emit(session, event="call.analyzed", call_id=call.id,
                 payload=_event(call, lead_id=lead.id if lead else None, analysis=call.analysis))
            session.commit()
            log.info("call %d analyzed: score %s", call.id, call.score)
        except Exception as e:
            session.rollback()
            call = session.get(Call, job.ref_id, populate_existing=True)
            assert call is not None
            call.status = "failed"
            call.error = str(e) if isinstance(e, CallgradeError) else f"internal error: {type(e).__name__}: {e}"
            emit(session, event="call.failed", call_id=call.id, payload=_event(call, lead_id=call.lead_id))
            session.commit()
            raise


def _transcript(session: Session, *, call: Call, store: BlobStore, settings: Settings,
                transcribe: bool) -> Transcript:
    """The uploaded transcript, the stored recognition of an earlier run, or a new recognition."""
    path = store.path(call.file_path)
    if call.input_kind == "transcript":
        transcript = read_transcript(path, name=call.filename or "transcript")
    elif call.transcript is not None and not transcribe:
        transcript = transcript_from_dict(call.transcript.data)
    else:
        session.commit()  # hold no transaction open through the recognition
        transcript = transcribe_file(path, settings=settings)
    transcript = replace(transcript, call_id=str(call.id), started_at=call.local_started_at)
    if call.input_kind == "audio":
        store_transcript(session, call=call, transcript=transcript)
    return transcript


def _event(call: Call, *, lead_id: int | None, analysis: dict[str, Any] | None = None) -> dict[str, Any]:
    """The webhook payload: the call's summary, and its analysis when there is one."""
    payload: dict[str, Any] = {
        "call": {"id": call.id, "external_id": call.external_id, "status": call.status, "error": call.error,
                 "manager_id": call.manager_id, "lead_id": lead_id, "score": call.score,
                 "started_at": call.started_at.isoformat()},
    }
    if analysis is not None:
        payload["analysis"] = analysis
    return payload
