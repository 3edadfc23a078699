"""``/v1/webhooks``: subscriptions (admins) and their delivery log."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from api.deps import AdminUser, Id, SessionDep
from api.errors import ERROR_RESPONSES
from api.webhooks import service
from api.webhooks.schemas import DeliveryPublic, SubscriptionCreate, SubscriptionCreated, SubscriptionPublic

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"],
                   responses={k: ERROR_RESPONSES[k] for k in (401, 403, 404, 422)})


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SubscriptionCreated)
def post_subscription(body: SubscriptionCreate, session: SessionDep, user: AdminUser) -> SubscriptionCreated:
    """Subscribes a URL to call events; payloads are signed with HMAC-SHA256 of the secret."""
    sub = service.create_subscription(session, user=user, url=str(body.url), events=body.events, secret=body.secret)
    return SubscriptionCreated(**SubscriptionPublic.model_validate(sub).model_dump(), secret=sub.secret)


@router.get("", response_model=list[SubscriptionPublic])
def get_subscriptions(session: SessionDep, user: AdminUser) -> list[SubscriptionPublic]:
    return [SubscriptionPublic.model_validate(s) for s in service.list_subscriptions(session)]


@router.delete("/{subscription_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_subscription(subscription_id: Id, session: SessionDep, user: AdminUser) -> Response:
    service.delete_subscription(session, subscription_id=subscription_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{subscription_id}/deliveries", response_model=list[DeliveryPublic])
def get_deliveries(subscription_id: Id, session: SessionDep, user: AdminUser) -> list[DeliveryPublic]:
    """The latest deliveries: status, attempts, the receiver's answer or the error."""
    return [DeliveryPublic.model_validate(d) for d in service.list_deliveries(session,
                                                                              subscription_id=subscription_id)]
