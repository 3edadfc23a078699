"""HMAC-SHA256 signatures of webhook bodies, as receivers verify them."""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Callgrade-Signature"


def sign(secret: str, body: bytes) -> str:
    """``sha256=<hex HMAC of the raw body>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    """Constant-time check of a signature header against the raw body."""
    return hmac.compare_digest(sign(secret, body), signature)
