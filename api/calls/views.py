"""``/v1/calls``: upload, list, read, transcript export, recording download, re-analysis."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Sequence

from fastapi import APIRouter, File, Form, Query, Response, UploadFile, status
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from analyzer.errors import NotFound
from api.calls import service
from api.calls.export import FORMATS
from api.calls.models import Call, Grade, GradeItem
from api.calls.query import CallFilters, list_calls
from api.calls.schemas import CallDetail, CallList, CallPublic, OverridePublic, ReanalyzeRequest
from api.deps import MAX_ID, CurrentUser, Id, Limit, Offset, ServicesDep, SessionDep, SettingsDep, StaffUser
from api.errors import ERROR_RESPONSES
from api.reviews.models import Override
from api.users.models import User

router = APIRouter(prefix="/v1/calls", tags=["calls"], responses={k: ERROR_RESPONSES[k] for k in (401, 403, 404)})

ItemStatus = Literal["pass", "fail", "na", "error"]


def present(session: Session, calls: Sequence[Call]) -> list[CallPublic]:
    """Calls as their public schema, with manager names fetched in one query."""
    ids = {c.manager_id for c in calls}
    rows = session.execute(select(User.id, User.name).where(User.id.in_(ids))) if ids else []
    names = {uid: name for uid, name in rows}
    return [CallPublic.of(c, manager_name=names.get(c.manager_id, "")) for c in calls]


def detail(session: Session, call: Call) -> CallDetail:
    current = select(Grade.id).where(Grade.call_id == call.id, Grade.current).scalar_subquery()
    items = session.execute(select(GradeItem.item_id, GradeItem.status).where(GradeItem.grade_id == current)
                            .order_by(GradeItem.id))
    overrides = session.scalars(select(Override).where(Override.grade_id == current).order_by(Override.id))
    return CallDetail(**present(session, [call])[0].model_dump(), analysis=call.analysis,
                      effective_items={item_id: status for item_id, status in items},
                      overrides=[OverridePublic.model_validate(o) for o in overrides])


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=CallPublic,
             responses={200: {"description": "A call with this external_id exists: it is returned unchanged.",
                              "model": CallPublic}, **{k: ERROR_RESPONSES[k] for k in (400, 409, 413, 415, 422)}})
def upload_call(
    session: SessionDep, services: ServicesDep, user: CurrentUser,
    file: Annotated[UploadFile, File(description="A recording (FLAC, Ogg/Opus, WAV, MP3, M4A...) or a transcript "
                                                 "(CONTRACTS.md JSON or Manager:/Client: plain text).")],
    manager: Annotated[str | None, Form(description="Manager user name or id; yourself by default.")] = None,
    external_id: Annotated[str | None, Form(max_length=200, description="The caller's id: makes retries "
                                                                        "idempotent.")] = None,
    lead: Annotated[str | None, Form(max_length=200, description="External lead id or phone number.")] = None,
    direction: Annotated[Literal["inbound", "outbound"] | None, Form()] = None,
    started_at: Annotated[datetime | None, Form(description="ISO 8601; anchors relative dates.")] = None,
    rubric: Annotated[str | None, Form(description="Rubric id; the default rubric otherwise.")] = None,
    rubric_version: Annotated[int | None, Form(ge=1)] = None,
) -> CallPublic | JSONResponse:
    """Stores a recording or transcript and queues its analysis (202); an existing external_id returns 200."""
    call, created = service.create_call(
        session, store=services.store, settings=services.settings, user=user,
        upload=service.Upload(file.file, file.filename, file.content_type), manager=manager,
        external_id=external_id, lead=lead, direction=direction, started_at=started_at, rubric=rubric,
        rubric_version=rubric_version)
    body = present(session, [call])[0]
    if created:
        services.notify()
        return body
    return JSONResponse(body.model_dump(mode="json"), status_code=status.HTTP_200_OK)


@router.get("", response_model=CallList)
def get_calls(
    session: SessionDep, user: CurrentUser, limit: Limit = 50, offset: Offset = 0,
    manager: Annotated[str | None, Query(description="Manager user name or id.")] = None,
    lead: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Lead id.")] = None,
    team: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Team id.")] = None,
    status_: Annotated[Literal["queued", "processing", "done", "failed"] | None, Query(alias="status")] = None,
    date_from: Annotated[datetime | None, Query(alias="from", description="Started at or after.")] = None,
    date_to: Annotated[datetime | None, Query(alias="to", description="Started at or before.")] = None,
    score_min: Annotated[float | None, Query(ge=0, le=100)] = None,
    score_max: Annotated[float | None, Query(ge=0, le=100)] = None,
    item: Annotated[str | None, Query(description="Rubric item id (with item_status).")] = None,
    item_status: Annotated[ItemStatus | None, Query(description="Current status of `item` (any item if none).")]
    = None,
    detection: Annotated[str | None, Query(description="Calls with at least one detection of this type.")] = None,
    q: Annotated[str | None, Query(min_length=2, description="Text the transcript contains (any case).")] = None,
) -> CallList:
    """Lists the calls you may see, newest first."""
    filters = CallFilters(manager=manager, lead_id=lead, team_id=team, status=status_, date_from=date_from,
                          date_to=date_to, score_min=score_min, score_max=score_max, item=item,
                          item_status=item_status, detection=detection, q=q)
    calls, total = list_calls(session, user=user, filters=filters, limit=limit, offset=offset)
    return CallList(items=present(session, calls), total=total, limit=limit, offset=offset)


@router.get("/{call_id}", response_model=CallDetail)
def get_call(call_id: Id, session: SessionDep, user: CurrentUser) -> CallDetail:
    """A call with its status, error and analysis."""
    return detail(session, service.get_call(session, user=user, call_id=call_id, with_analysis=True))


@router.get("/{call_id}/transcript", responses={200: {"content": {
    "application/json": {}, "text/plain": {}, "application/x-subrip": {}, "text/vtt": {}}}})
def get_transcript(call_id: Id, session: SessionDep, user: CurrentUser,
                   format: Literal["json", "txt", "srt", "vtt"] = "json") -> Response:  # noqa: A002
    """The transcript as CONTRACTS.md JSON, plain text, SRT or WebVTT."""
    call = service.get_call(session, user=user, call_id=call_id)
    if call.transcript is None:
        raise NotFound(f"call {call_id} has no transcript yet (status {call.status})")
    data = call.transcript.data
    if format == "json":
        return JSONResponse(data)
    media_type, render = FORMATS[format]
    return Response(render(data), media_type=media_type,
                    headers={"Content-Disposition": f'inline; filename="call-{call_id}.{format}"'})


@router.get("/{call_id}/audio", response_class=FileResponse,
            responses={206: {"description": "Partial content for a Range request."}})
def get_audio(call_id: Id, session: SessionDep, services: ServicesDep, user: CurrentUser) -> FileResponse:
    """The stored recording; supports HTTP Range requests (seeking in a player)."""
    call = service.get_call(session, user=user, call_id=call_id)
    path = service.audio_path(store=services.store, call=call)
    return FileResponse(path, media_type=call.media_type, filename=call.filename or path.name,
                        content_disposition_type="inline")


@router.post("/{call_id}/reanalyze", status_code=status.HTTP_202_ACCEPTED, response_model=CallPublic,
             responses={k: ERROR_RESPONSES[k] for k in (409, 422)})
def reanalyze_call(call_id: Id, session: SessionDep, services: ServicesDep, settings: SettingsDep,
                   user: StaffUser, body: ReanalyzeRequest | None = None) -> CallPublic:
    """Queues a new analysis: a retry after a failure, or grading with another rubric version."""
    body = body or ReanalyzeRequest()
    call = service.reanalyze(session, settings=settings, user=user, call_id=call_id, rubric=body.rubric,
                             rubric_version=body.rubric_version, transcribe=body.transcribe)
    services.notify()
    return present(session, [call])[0]
