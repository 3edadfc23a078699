"""Coach review routes: ``/v1/calls/{id}/comments|overrides|disputes`` and ``/v1/disputes``."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, status

from api.calls.schemas import OverridePublic
from api.deps import CurrentUser, Id, SessionDep, StaffUser
from api.errors import ERROR_RESPONSES
from api.reviews import service
from api.reviews.schemas import (
    CommentCreate,
    CommentPublic,
    DisputeCreate,
    DisputePublic,
    DisputeResolve,
    OverrideCreate,
)

DisputeStatusQ = Annotated[Literal["open", "accepted", "rejected"] | None, Query(alias="status")]

router = APIRouter(prefix="/v1", tags=["reviews"],
                   responses={k: ERROR_RESPONSES[k] for k in (401, 403, 404, 409, 422)})


@router.get("/calls/{call_id}/comments", response_model=list[CommentPublic])
def get_comments(call_id: Id, session: SessionDep, user: CurrentUser) -> list[CommentPublic]:
    """The coaches' comments on a call, in time order."""
    return [CommentPublic.model_validate(c) for c in service.list_comments(session, user=user, call_id=call_id)]


@router.post("/calls/{call_id}/comments", status_code=status.HTTP_201_CREATED, response_model=CommentPublic)
def post_comment(call_id: Id, body: CommentCreate, session: SessionDep, user: StaffUser) -> CommentPublic:
    """Comments on a call, optionally at a moment (``at_s``) or on a rubric item."""
    comment = service.add_comment(session, user=user, call_id=call_id, text=body.text, at_s=body.at_s,
                                  item_id=body.item_id)
    return CommentPublic.model_validate(comment)


@router.post("/calls/{call_id}/overrides", status_code=status.HTTP_201_CREATED, response_model=OverridePublic)
def post_override(call_id: Id, body: OverrideCreate, session: SessionDep, user: StaffUser) -> OverridePublic:
    """Overrides one item's status in the call's current grade, with a reason; the score follows."""
    override = service.override_item(session, user=user, call_id=call_id, item_id=body.item_id,
                                     status=body.status, reason=body.reason)
    return OverridePublic.model_validate(override)


@router.post("/calls/{call_id}/disputes", status_code=status.HTTP_201_CREATED, response_model=DisputePublic)
def post_dispute(call_id: Id, body: DisputeCreate, session: SessionDep, user: CurrentUser) -> DisputePublic:
    """The call's manager disputes an item's verdict."""
    dispute = service.raise_dispute(session, user=user, call_id=call_id, item_id=body.item_id, reason=body.reason)
    return DisputePublic.model_validate(dispute)


@router.get("/disputes", response_model=list[DisputePublic])
def get_disputes(session: SessionDep, user: CurrentUser,
                 status_: DisputeStatusQ = None) -> list[DisputePublic]:
    """Disputes on the calls you may see (managers: their own)."""
    return [DisputePublic.model_validate(d) for d in service.list_disputes(session, user=user, status=status_)]


@router.post("/disputes/{dispute_id}/resolve", response_model=DisputePublic)
def resolve(dispute_id: Id, body: DisputeResolve, session: SessionDep, user: StaffUser) -> DisputePublic:
    """A coach accepts (the item is overridden) or rejects a dispute."""
    dispute = service.resolve_dispute(session, user=user, dispute_id=dispute_id, accept=body.decision == "accept",
                                      resolution=body.resolution, status=body.status)
    return DisputePublic.model_validate(dispute)
