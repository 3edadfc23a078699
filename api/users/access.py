"""Who sees what: admins everything, coaches their teams' managers, managers only themselves."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from analyzer.errors import Forbidden
from api.users.models import User, team_members


def visible_manager_ids(session: Session, *, user: User) -> set[int] | None:
    """Ids of the users whose calls ``user`` may see; None means everyone (admins)."""
    if user.role == "admin":
        return None
    if user.role == "coach":
        ids = set(session.scalars(select(team_members.c.user_id)
                                  .where(team_members.c.team_id.in_(user.team_ids))).all())
        return ids | {user.id}
    return {user.id}


def check_manager_visible(session: Session, *, user: User, manager_id: int, what: str = "call") -> None:
    """Raises ``Forbidden`` when ``user`` may not see the ``what`` of manager ``manager_id``."""
    visible = visible_manager_ids(session, user=user)
    if visible is not None and manager_id not in visible:
        raise Forbidden(f"this {what} belongs to a manager outside your access")


def require_role(user: User, *roles: str) -> None:
    if user.role not in roles:
        raise Forbidden(f"this needs the role {' or '.join(roles)}; you are {user.role}")


def check_team_visible(user: User, *, team_id: int) -> None:
    if user.role == "admin":
        return
    if user.role != "coach" or team_id not in user.team_ids:
        raise Forbidden("this team is outside your access")
