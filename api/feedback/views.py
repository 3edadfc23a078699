"""``/v1/me/...`` for everyone's own data and ``/v1/teams/...`` for coaches."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from analyzer.errors import NotFound
from api.calls.query import CallFilters, list_calls
from api.calls.schemas import CallList
from api.calls.views import present
from api.deps import CurrentUser, Id, Limit, Offset, SessionDep, StaffUser
from api.errors import ERROR_RESPONSES
from api.feedback.schemas import Feedback, TeamOverview, TeamRef
from api.feedback.service import manager_feedback, team_overview
from api.users.access import check_manager_visible, check_team_visible
from api.users.models import Team, User
from api.users.schemas import UserPublic

router = APIRouter(prefix="/v1", tags=["feedback"], responses={k: ERROR_RESPONSES[k] for k in (401, 403, 404)})


@router.get("/me", response_model=UserPublic, tags=["users"])
def get_me(user: CurrentUser) -> UserPublic:
    """Who the API key belongs to."""
    return UserPublic.of(user)


@router.get("/me/feedback", response_model=Feedback)
def get_my_feedback(session: SessionDep, user: CurrentUser) -> Feedback:
    """Your score trend, pass rate per rubric item against your team, and your three weakest items."""
    return Feedback.model_validate(manager_feedback(session, manager=user))


@router.get("/managers/{manager_id}/feedback", response_model=Feedback)
def get_manager_feedback(manager_id: Id, session: SessionDep, user: CurrentUser) -> Feedback:
    """A manager's feedback, for their coaches (and admins); managers may read only their own."""
    manager = session.get(User, manager_id)
    if manager is None:
        raise NotFound(f"no user {manager_id}")
    check_manager_visible(session, user=user, manager_id=manager.id, what="feedback")
    return Feedback.model_validate(manager_feedback(session, manager=manager))


@router.get("/me/calls", response_model=CallList)
def get_my_calls(session: SessionDep, user: CurrentUser, limit: Limit = 50,
                 offset: Offset = 0) -> CallList:
    """Your own calls, newest first."""
    calls, total = list_calls(session, user=user, filters=CallFilters(manager=str(user.id)), limit=limit,
                              offset=offset)
    return CallList(items=present(session, calls), total=total, limit=limit, offset=offset)


@router.get("/teams", response_model=list[TeamRef], tags=["teams"])
def get_teams(session: SessionDep, user: StaffUser) -> list[TeamRef]:
    """The teams you coach (admins: all teams)."""
    query = select(Team).order_by(Team.name)
    if user.role != "admin":
        query = query.where(Team.id.in_(user.team_ids))
    return [TeamRef(id=t.id, name=t.name) for t in session.scalars(query)]


@router.get("/teams/{team_id}/overview", response_model=TeamOverview, tags=["teams"])
def get_team_overview(team_id: Id, session: SessionDep, user: StaffUser) -> TeamOverview:
    """Scores per manager and item pass rates of a team you coach."""
    team = session.get(Team, team_id)
    if team is None:
        raise NotFound(f"no team {team_id}")
    check_team_visible(user, team_id=team.id)
    return TeamOverview.model_validate(team_overview(session, team=team))
