"""Coach review: comments, item overrides (which re-score the call) and disputes raised by managers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from analyzer.errors import BadRequest, Conflict, Forbidden, NotFound
from api.calls.models import Call, Grade, GradeItem
from api.calls.service import get_call
from api.db.base import utcnow
from api.reviews.models import Comment, Dispute, Override
from api.users.access import check_manager_visible, visible_manager_ids
from api.users.models import User


def add_comment(session: Session, *, user: User, call_id: int, text: str, at_s: float | None = None,
                item_id: str | None = None) -> Comment:
    """Adds a coach's comment to a call, optionally anchored at a time or a rubric item."""
    call = get_call(session, user=user, call_id=call_id)
    if at_s is not None and call.duration_s is not None and at_s > call.duration_s:
        raise BadRequest(f"at_s {at_s} is after the end of the call ({call.duration_s:.1f} s)")
    comment = Comment(call_id=call.id, author_id=user.id, at_s=at_s, item_id=item_id, text=text)
    session.add(comment)
    session.flush()
    return comment


def list_comments(session: Session, *, user: User, call_id: int) -> list[Comment]:
    call = get_call(session, user=user, call_id=call_id)
    return list(session.scalars(select(Comment).where(Comment.call_id == call.id)
                                .order_by(Comment.at_s.is_(None), Comment.at_s, Comment.id)))


def _current_item(session: Session, *, call: Call, item_id: str) -> tuple[Grade, GradeItem]:
    grade = session.scalar(select(Grade).where(Grade.call_id == call.id, Grade.current))
    if grade is None:
        raise Conflict(f"call {call.id} has no grade yet (status {call.status})")
    item = next((i for i in grade.items if i.item_id == item_id), None)
    if item is None:
        raise NotFound(f"the grade of call {call.id} has no item {item_id!r}",
                       details={"items": [i.item_id for i in grade.items]})
    return grade, item


def _rescore(call: Call, grade: Grade) -> None:
    """The score with overrides applied: passed points over applicable points (na and error excluded)."""
    applicable = [i for i in grade.items if i.status in ("pass", "fail")]
    for item in grade.items:
        item.points = item.max_points if item.status == "pass" else 0.0
    total = sum(i.max_points for i in applicable)
    call.score = round(100.0 * sum(i.points for i in applicable) / total, 1) if total else None


def override_item(session: Session, *, user: User, call_id: int, item_id: str, status: str,
                  reason: str) -> Override:
    """Sets an item's status in the call's current grade, keeping the reason and the previous status."""
    call = get_call(session, user=user, call_id=call_id)
    grade, item = _current_item(session, call=call, item_id=item_id)
    override = Override(call_id=call.id, grade_id=grade.id, item_id=item_id, previous_status=item.status,
                        status=status, reason=reason, author_id=user.id)
    item.status = status
    _rescore(call, grade)
    session.add(override)
    session.flush()
    return override


def raise_dispute(session: Session, *, user: User, call_id: int, item_id: str, reason: str) -> Dispute:
    """A manager disputes one item of their own call's grade."""
    call = get_call(session, user=user, call_id=call_id)
    if call.manager_id != user.id:
        raise Forbidden("only the call's manager can dispute its grade")
    _current_item(session, call=call, item_id=item_id)
    open_one = session.scalar(select(Dispute).where(Dispute.call_id == call.id, Dispute.item_id == item_id,
                                                    Dispute.status == "open"))
    if open_one is not None:
        raise Conflict(f"item {item_id!r} of call {call.id} already has an open dispute ({open_one.id})")
    dispute = Dispute(call_id=call.id, item_id=item_id, reason=reason, raised_by=user.id)
    session.add(dispute)
    session.flush()
    return dispute


def list_disputes(session: Session, *, user: User, status: str | None = None) -> list[Dispute]:
    """Disputes on the calls ``user`` may see."""
    query = select(Dispute).join(Call, Call.id == Dispute.call_id)
    visible = visible_manager_ids(session, user=user)
    if visible is not None:
        query = query.where(Call.manager_id.in_(visible))
    if status:
        query = query.where(Dispute.status == status)
    return list(session.scalars(query.order_by(Dispute.id)))


def resolve_dispute(session: Session, *, user: User, dispute_id: int, accept: bool, resolution: str,
                    status: str | None = None) -> Dispute:
    """Accepts (overriding the item, by default flipping pass and fail) or rejects a dispute."""
    dispute = session.get(Dispute, dispute_id)
    if dispute is None:
        raise NotFound(f"no dispute {dispute_id}")
    call = session.get(Call, dispute.call_id)
    assert call is not None
    check_manager_visible(session, user=user, manager_id=call.manager_id, what="dispute")
    if dispute.status != "open":
        raise Conflict(f"dispute {dispute_id} is already {dispute.status}")
    if accept:
        _, item = _current_item(session, call=call, item_id=dispute.item_id)
        new_status = status or {"fail": "pass", "pass": "fail"}.get(item.status)
        if new_status is None:
            raise BadRequest(f"say which status item {dispute.item_id!r} (now {item.status!r}) should get")
        override_item(session, user=user, call_id=call.id, item_id=dispute.item_id, status=new_status,
                      reason=f"dispute {dispute.id}: {resolution}")
    dispute.status = "accepted" if accept else "rejected"
    dispute.resolution, dispute.resolved_by, dispute.resolved_at = resolution, user.id, utcnow()
    session.flush()
    return dispute
