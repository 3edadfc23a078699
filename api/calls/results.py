"""Writes an analysis into the call's tables: transcript, detections, a new current grade, the lead."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, undefer

from analyzer.contract import (
    analysis_from_dict,
    analysis_to_dict,
    detection_to_dict,
    grade_to_dict,
    lead_to_dict,
    transcript_to_dict,
)
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
    """Rebuilds the lead's record by merging its analysed calls in the order they happened.

    Folding in call order (not processing order) keeps "the client's last statement wins" true when
    calls are analysed late or again; the merge is recorded as a history event of the lead.
    """
    if call.lead_id is None:
        return None
    from analyzer.lead import merge_lead

    lead = session.get(Lead, call.lead_id, with_for_update=True)
    assert lead is not None
    others = session.scalars(select(Call).options(undefer(Call.analysis))
                             .where(Call.lead_id == lead.id, Call.status == "done", Call.id != call.id))
    ordered = sorted([(c.started_at, c.id, analysis_from_dict(c.analysis)) for c in others if c.analysis]
                     + [(call.started_at, call.id, analysis)], key=lambda x: (x[0], x[1]))
    merged = None
    for _, _, each in ordered:
        merged = merge_lead(merged, each)
    record = lead_to_dict(merged) or {}
    apply_record(lead, record)
    session.add(LeadEvent(lead_id=lead.id, call_id=call.id, record=record))
    return lead
