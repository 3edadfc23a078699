"""Webhook subscriptions, and queueing one delivery per subscriber when a call event happens."""

from __future__ import annotations

import secrets
from typing import Any, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from analyzer.errors import BadRequest, NotFound
from api.queue.database import add_job
from api.users.models import User
from api.webhooks.models import EVENTS, Delivery, Subscription

DELIVER = "webhook"


def create_subscription(session: Session, *, user: User, url: str, events: Sequence[str],
                        secret: str | None = None) -> Subscription:
    """Subscribes ``url`` to ``events``; a secret is generated when none is given."""
    unknown = sorted(set(events) - set(EVENTS))
    if unknown or not events:
        raise BadRequest(f"events must be among {', '.join(EVENTS)}; got {', '.join(unknown) or 'none'}")
    sub = Subscription(url=url, events=sorted(set(events)), secret=secret or secrets.token_urlsafe(32),
                       created_by=user.id)
    session.add(sub)
    session.flush()
    return sub


def list_subscriptions(session: Session) -> list[Subscription]:
    return list(session.scalars(select(Subscription).order_by(Subscription.id)))


def get_subscription(session: Session, *, subscription_id: int) -> Subscription:
    sub = session.get(Subscription, subscription_id)
    if sub is None:
        raise NotFound(f"no webhook subscription {subscription_id}")
    return sub


def delete_subscription(session: Session, *, subscription_id: int) -> None:
    session.delete(get_subscription(session, subscription_id=subscription_id))


def list_deliveries(session: Session, *, subscription_id: int, limit: int = 100) -> list[Delivery]:
    get_subscription(session, subscription_id=subscription_id)
    return list(session.scalars(select(Delivery).where(Delivery.subscription_id == subscription_id)
                                .order_by(Delivery.id.desc()).limit(limit)))


def emit(session: Session, *, event: str, call_id: int, payload: dict[str, Any]) -> int:
    """Queues ``event`` for every active subscriber, in the caller's transaction; returns how many."""
    count = 0
    for sub in session.scalars(select(Subscription).where(Subscription.active)):
        if event not in sub.events:
            continue
        delivery = Delivery(subscription_id=sub.id, event=event, call_id=call_id, payload=payload)
        session.add(delivery)
        session.flush()
        add_job(session, kind=DELIVER, ref_id=delivery.id)
        count += 1
    return count
