"""Writes an analysis into the call's tables: transcript, detections, a new current grade, the lead."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from analyzer.contract import analysis_to_dict, detection_to_dict, grade_to_dict, lead_to_dict, transcript_to_dict
from analyzer.types import CallAnalysis, Transcript
from api.calls.models import Call, DetectionRow, Grade, GradeItem, TranscriptRow
from api.db.base import utcnow
from api.leads.models import Lead, LeadEvent
from api.leads.service import apply_record


def search_text(transcript: Transcript) -> str:
    """Lower-cased utterance texts, one per line: what full-text search matches against."""
    return "\n".join(u.text for u in transcript.utterances).lower()


def store_transcript(session: Session, *, call: Call, transcript: Transcript) -> None:
    row = session.get(TranscriptRow, call.id)
    data = transcript_to_dict(transcript)
    if row is None:
        session.add(TranscriptRow(call_id=call.id, language=transcript.language, data=data,
                                  search_text=search_text(transcript)))
    else:
        row.language, row.data, row.search_text = transcript.language, data, search_text(transcript)


def store_analysis(session: Session, *, call: Call, analysis: CallAnalysis) -> None:
    """Replaces the call's transcript and detections and adds its new grade as the current one."""
    store_transcript(session, call=call, transcript=analysis.transcript)
    session.execute(delete(DetectionRow).where(DetectionRow.call_id == call.id))
    session.add_all(DetectionRow(call_id=call.id, type=d.type, speaker=d.speaker, start_s=d.evidence.start_s,
                                 quote=d.evidence.quote, detector=d.detector, data=detection_to_dict(d))
                    for d in analysis.detections)
    session.execute(update(Grade).where(Grade.call_id == call.id).values(current=False))
    if analysis.grade is not None:
        g = analysis.grade
        session.add(Grade(call_id=call.id, rubric=g.rubric, rubric_version=g.rubric_version, score=g.score,
                          max_score=g.max_score, data=grade_to_dict(g) or {}, current=True,
                          items=[GradeItem(item_id=i.id, status=i.status, machine_status=i.status, points=i.points,
                                           max_points=i.max_points) for i in g.items]))
    call.analysis = analysis_to_dict(analysis)
    call.score = analysis.grade.score if analysis.grade else None
    call.graded_with = f"{analysis.grade.rubric}@{analysis.grade.rubric_version}" if analysis.grade else None
    call.language = analysis.transcript.language
    call.duration_s = analysis.transcript.end_s
    call.analyzed_at = utcnow()


def merge_into_lead(session: Session, *, call: Call, analysis: CallAnalysis) -> Lead | None:
    """Merges the call's lead facts into its lead's record and records the merge as a history event."""
    if call.lead_id is None:
        return None
    from analyzer.contract import lead_from_dict
    from analyzer.lead import merge_lead

    lead = session.get(Lead, call.lead_id, with_for_update=True)
    assert lead is not None
    previous_record = _record_before(session, lead=lead, call_id=call.id)
    previous = lead_from_dict(previous_record) if previous_record else None
    record = lead_to_dict(merge_lead(previous, analysis)) or {}
    apply_record(lead, record)
    session.add(LeadEvent(lead_id=lead.id, call_id=call.id, record=record))
    return lead


def _record_before(session: Session, *, lead: Lead, call_id: int) -> dict[str, Any] | None:
    """The record to merge into: the current one, or, when this call was the last merged (a re-analysis),
    the one from before it, so the call's facts are not merged twice."""
    events = session.scalars(select(LeadEvent).where(LeadEvent.lead_id == lead.id).order_by(LeadEvent.id.desc()))
    latest = next(events, None)
    if latest is None or latest.call_id != call_id:
        return lead.record
    earlier = next((e for e in events if e.call_id != call_id), None)
    return earlier.record if earlier else None
