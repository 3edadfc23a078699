"""User responses."""

from __future__ import annotations

from pydantic import BaseModel

from api.users.models import User


class UserPublic(BaseModel):
    id: int
    name: str
    role: str
    teams: list[str]

    @classmethod
    def of(cls, user: User) -> UserPublic:
        return cls(id=user.id, name=user.name, role=user.role, teams=[t.name for t in user.teams])
