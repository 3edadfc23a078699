"""Sends one webhook delivery: signed POST, retried with exponential backoff, every attempt recorded."""

from __future__ import annotations

import json
import logging

import httpx
from sqlalchemy.orm import Session, sessionmaker

from analyzer.settings import Settings
from api.db.base import utcnow
from api.queue.base import Job, Retry
from api.webhooks.models import Delivery, Subscription
from api.webhooks.signing import SIGNATURE_HEADER, sign

log = logging.getLogger(__name__)


def body_of(delivery: Delivery) -> bytes:
    """The exact bytes that are signed and sent."""
    envelope = {"id": delivery.id, "event": delivery.event, "created_at": delivery.created_at.isoformat(),
                "data": delivery.payload}
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


def deliver(job: Job, *, sessions: sessionmaker[Session], settings: Settings) -> Retry | None:
    """Runs one attempt; returns ``Retry`` while attempts remain after a failure."""
    with sessions() as session:
        delivery = session.get(Delivery, job.ref_id)
        if delivery is None or delivery.status != "pending":
            return None
        sub = session.get(Subscription, delivery.subscription_id)
        if sub is None or not sub.active:
            delivery.status, delivery.error = "failed", "the subscription was removed"
            session.commit()
            return None
        body = body_of(delivery)
        headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(sub.secret, body),
                   "X-Callgrade-Event": delivery.event, "X-Callgrade-Delivery": str(delivery.id),
                   "User-Agent": "callgrade-webhooks"}
        delivery.attempts += 1
        error: str | None = None
        try:
            response = httpx.post(sub.url, content=body, headers=headers, timeout=settings.webhook_timeout_s)
            delivery.response_status = response.status_code
            if not response.is_success:
                error = f"the receiver answered HTTP {response.status_code}"
        except httpx.HTTPError as e:
            error = f"{type(e).__name__}: {e}"
        delivery.error = error
        if error is None:
            delivery.status, delivery.delivered_at = "delivered", utcnow()
        elif delivery.attempts >= settings.webhook_max_attempts:
            delivery.status = "failed"
        attempts, status = delivery.attempts, delivery.status
        session.commit()
    if status == "pending":
        delay = settings.webhook_backoff_s * 2 ** (attempts - 1)
        log.info("webhook delivery %d failed (%s); retry %d in %.1f s", job.ref_id, error, attempts + 1, delay)
        return Retry(delay, error or "")
    return None
