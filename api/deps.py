"""Request dependencies as ``Annotated`` aliases: ``SessionDep``, ``CurrentUser``, ``ServicesDep``..."""

from __future__ import annotations

from typing import Annotated, Iterator

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from analyzer.errors import Unauthorized
from analyzer.settings import Settings
from api.services import Services
from api.users.access import require_role
from api.users.models import User
from api.users.service import authenticate

MAX_ID = 2**31 - 1  # ids are 32-bit integers on every backend
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Limit = Annotated[int, Query(ge=1, le=200, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="Items to skip.")]

_bearer = HTTPBearer(auto_error=False, description="An API key from `callgrade users create`.")


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_settings_dep(services: ServicesDep) -> Settings:
    return services.settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_session(services: ServicesDep) -> Iterator[Session]:
    """A session per request, committed when the route returns without error.

    Scoped to the route function, so the commit happens before the response is sent: a client that
    got 201 can read what it created, and a failed commit is an error response, not a lost write.
    """
    with services.sessions() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_current_user(session: SessionDep,
                     credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> User:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthorized("missing API key: send 'Authorization: Bearer <key>'")
    return authenticate(session, key=credentials.credentials)


CurrentUser = Annotated[User, Depends(get_current_user)]


def _staff(user: CurrentUser) -> User:
    require_role(user, "admin", "coach")
    return user


def _admin(user: CurrentUser) -> User:
    require_role(user, "admin")
    return user


StaffUser = Annotated[User, Depends(_staff)]
AdminUser = Annotated[User, Depends(_admin)]
