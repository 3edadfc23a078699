"""Users, teams and API keys."""

from __future__ import annotations

import hashlib
import secrets
from typing import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from analyzer.errors import BadRequest, Conflict, NotFound, Unauthorized
from api.db.base import utcnow
from api.users.models import ROLES, ApiKey, Team, User

KEY_PREFIX = "cg_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def get_or_create_team(session: Session, *, name: str) -> Team:
    """Gets a team by name, creating it on first use."""
    team = session.scalar(select(Team).where(Team.name == name))
    if team is None:
        team = Team(name=name)
        session.add(team)
        session.flush()
    return team


def create_user(session: Session, *, name: str, role: str, teams: Sequence[str] = ()) -> tuple[User, str]:
    """Creates a user in the named teams and returns it with its new API key (shown only this once)."""
    if role not in ROLES:
        raise BadRequest(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    if not name.strip():
        raise BadRequest("a user needs a name")
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise Conflict(f"a user named {name!r} already exists")
    user = User(name=name, role=role, teams=[get_or_create_team(session, name=t) for t in teams])
    session.add(user)
    session.flush()
    return user, issue_key(session, user=user)


def issue_key(session: Session, *, user: User) -> str:
    """Creates a new API key for ``user``; only its hash is stored."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiKey(user_id=user.id, key_hash=hash_key(key), prefix=key[:10]))
    session.flush()
    return key


def authenticate(session: Session, *, key: str) -> User:
    """The user holding an API key that is not revoked."""
    user = session.scalar(select(User).join(ApiKey, ApiKey.user_id == User.id)
                          .where(ApiKey.key_hash == hash_key(key), ApiKey.revoked_at.is_(None)))
    if user is None:
        raise Unauthorized("invalid or revoked API key")
    return user


def revoke_keys(session: Session, *, user: User) -> int:
    """Revokes every key of ``user``."""
    keys = [k for k in user.api_keys if k.revoked_at is None]
    for k in keys:
        k.revoked_at = utcnow()
    return len(keys)


def find_user(session: Session, *, ref: str) -> User:
    """A user by id (digits) or name."""
    user = session.get(User, int(ref)) if ref.isdigit() and int(ref) < 2**31 else None
    user = user or session.scalar(select(User).where(User.name == ref))
    if user is None:
        raise NotFound(f"no user {ref!r}")
    return user
