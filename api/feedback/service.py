"""Score trends, item pass rates (own vs team), weakest items with quotes and tips, team overviews."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.calls.models import Call, Grade, GradeItem
from api.reviews.models import Dispute
from api.users.models import Team, User, team_members

WEAKEST = 3
EXAMPLES = 3


def _item_counts(session: Session, manager_ids: Iterable[int]) -> dict[str, dict[str, int]]:
    """``{item_id: {status: count}}`` over the current grades of these managers' calls."""
    rows = session.execute(
        select(GradeItem.item_id, GradeItem.status, func.count())
        .join(Grade, Grade.id == GradeItem.grade_id).join(Call, Call.id == Grade.call_id)
        .where(Grade.current, Call.manager_id.in_(list(manager_ids)), Call.status == "done")
        .group_by(GradeItem.item_id, GradeItem.status)).all()
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for item_id, status, n in rows:
        counts[item_id][status] = n
    return counts


def _pass_rate(counts: dict[str, int]) -> float | None:
    judged = counts.get("pass", 0) + counts.get("fail", 0)
    return round(counts.get("pass", 0) / judged, 3) if judged else None


def _team_mates(session: Session, user: User) -> set[int]:
    return set(session.scalars(select(team_members.c.user_id).where(team_members.c.team_id.in_(user.team_ids))))


def manager_feedback(session: Session, *, manager: User) -> dict[str, Any]:
    """A manager's own feedback: score trend, pass rate per item against the team, three weakest items."""
    calls = list(session.scalars(select(Call).where(Call.manager_id == manager.id, Call.status == "done")
                                 .order_by(Call.started_at, Call.id)))
    rows = session.execute(select(Grade.call_id, Grade.data).where(
        Grade.current, Grade.call_id.in_(select(Call.id).where(Call.manager_id == manager.id))))
    grades: dict[int, dict[str, Any]] = {call_id: data for call_id, data in rows}
    scored = [c for c in calls if c.score is not None]
    own = _item_counts(session, [manager.id])
    team = _item_counts(session, _team_mates(session, manager) | {manager.id})
    items = [{"id": item_id, "title": _title(calls, grades, item_id), "pass_rate": _pass_rate(counts),
              "team_pass_rate": _pass_rate(team.get(item_id, {})), "counts": counts}
             for item_id, counts in sorted(own.items())]
    ranked = sorted((i for i in items if i["pass_rate"] is not None and i["pass_rate"] < 1.0),
                    key=lambda i: (i["pass_rate"], -sum(i["counts"].values())))
    half = len(scored) // 2
    return {
        "manager": {"id": manager.id, "name": manager.name},
        "calls": len(calls),
        "average_score": _mean(c.score for c in scored),
        "score_trend": [{"call_id": c.id, "started_at": c.started_at.isoformat(), "score": c.score} for c in scored],
        "recent_average": _mean(c.score for c in scored[half:]) if half else None,
        "earlier_average": _mean(c.score for c in scored[:half]) if half else None,
        "items": items,
        "weakest": [_weak_item(calls, grades, item) for item in ranked[:WEAKEST]],
    }


def _mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 1) if vals else None


def _graded_items(grade: dict[str, Any] | None, item_id: str) -> list[dict[str, Any]]:
    return [i for i in (grade or {}).get("items") or [] if i.get("id") == item_id]


def _title(calls: list[Call], grades: dict[int, dict[str, Any]], item_id: str) -> str:
    for call in reversed(calls):
        for item in _graded_items(grades.get(call.id), item_id):
            if item.get("title"):
                return item["title"]
    return item_id


def _weak_item(calls: list[Call], grades: dict[int, dict[str, Any]], item: dict[str, Any]) -> dict[str, Any]:
    """A weak item with the tip and example quotes (or messages) from the latest calls that failed it."""
    examples, tip = [], ""
    for call in reversed(calls):
        for graded in _graded_items(grades.get(call.id), item["id"]):
            if graded.get("status") != "fail":
                continue
            tip = tip or graded.get("tip") or ""
            quotes = [e.get("quote") for e in graded.get("evidence") or [] if e.get("quote")]
            examples.append({"call_id": call.id, "quote": quotes[0] if quotes else None,
                             "message": graded.get("message") or ""})
        if len(examples) >= EXAMPLES:
            break
    return {**item, "tip": tip, "examples": examples[:EXAMPLES]}


def team_overview(session: Session, *, team: Team) -> dict[str, Any]:
    """Scores per manager and item pass rates for one team."""
    members = [m for m in team.members if m.role == "manager"]
    stats = dict((mid, (n, avg)) for mid, n, avg in session.execute(
        select(Call.manager_id, func.count(), func.avg(Call.score))
        .where(Call.manager_id.in_([m.id for m in members]), Call.status == "done")
        .group_by(Call.manager_id)).all())
    counts = _item_counts(session, [m.id for m in members])
    open_disputes = session.scalar(
        select(func.count()).select_from(Dispute).join(Call, Call.id == Dispute.call_id)
        .where(Dispute.status == "open", Call.manager_id.in_([m.id for m in members]))) or 0
    return {
        "team": {"id": team.id, "name": team.name},
        "managers": [{"id": m.id, "name": m.name, "calls": stats.get(m.id, (0, None))[0],
                      "average_score": round(stats[m.id][1], 1) if stats.get(m.id, (0, None))[1] is not None
                      else None} for m in sorted(members, key=lambda m: m.name)],
        "items": [{"id": item_id, "pass_rate": _pass_rate(c), "counts": c} for item_id, c in sorted(counts.items())],
        "open_disputes": open_disputes,
    }
