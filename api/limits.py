"""Rejects a request whose declared body is over the upload limit before any of it is read."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from analyzer.errors import PayloadTooLarge

_MULTIPART_OVERHEAD = 64 * 1024  # form fields and part headers around the file


class BodySizeLimit:
    """Pure ASGI middleware: a 413 in the API's error shape for an oversized ``Content-Length``.

    Bodies without a length (chunked) are still capped while the upload is stored.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = dict(scope["headers"]).get(b"content-length")
            if length is not None and length.isdigit() and int(length) > self.max_bytes + _MULTIPART_OVERHEAD:
                error = PayloadTooLarge(f"the request body of {int(length)} bytes exceeds the upload limit of "
                                        f"{self.max_bytes / 2**20:g} MB", details={"max_bytes": self.max_bytes})
                body = json.dumps({"error": error.to_dict()}).encode()
                await send({"type": "http.response.start", "status": 413,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
