"""One error shape for every failure: ``{"error": {"code", "message", "details"}}``.

A single handler renders ``CallgradeError``s with their ``http_status``; request validation errors,
framework HTTP errors (unknown route, wrong method) and unexpected exceptions are first turned into
``CallgradeError``s so clients only ever parse one shape.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from analyzer.datafile import format_path
from analyzer.errors import (
    BadRequest,
    CallgradeError,
    Conflict,
    Forbidden,
    InvalidRequest,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    Unauthorized,
    UnsupportedMediaType,
)

log = logging.getLogger(__name__)

_BY_STATUS: dict[int, type[CallgradeError]] = {
    400: BadRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict, 413: PayloadTooLarge,
    415: UnsupportedMediaType, 422: InvalidRequest,
}


ERROR_RESPONSES = {
    status: {"description": cls.__name__, "content": {"application/json": {"example": {
        "error": {"code": cls.code, "message": "...", "details": None}}}}}
    for status, cls in _BY_STATUS.items()
}


def render(request: Request, exc: CallgradeError) -> JSONResponse:
    """The one error handler: the status comes from the error class."""
    headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else None
    return JSONResponse({"error": exc.to_dict()}, status_code=exc.http_status, headers=headers)


def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    details = [{"path": format_path(tuple(e.get("loc", ()))), "message": e.get("msg", ""), "type": e.get("type")}
               for e in exc.errors()]
    summary = "; ".join(f"{d['path']}: {d['message']}" for d in details[:5])
    return render(request, InvalidRequest(f"invalid request: {summary}", details=details))


def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    cls = MethodNotAllowed if exc.status_code == 405 else _BY_STATUS.get(exc.status_code, BadRequest)
    return render(request, cls(str(exc.detail)))


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return render(request, CallgradeError("internal error; the server log has the details"))


def install(app: FastAPI) -> None:
    app.add_exception_handler(CallgradeError, render)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
