"""Webhooks: a real receiver on 127.0.0.1 verifies the HMAC signature; a failing receiver gets retries."""

from __future__ import annotations

import json
import time

from api.webhooks.signing import SIGNATURE_HEADER, verify

SECRET = "s3cret-for-the-receiver-0123456789"


def _settled_deliveries(api, sub_id: int, timeout_s: float = 30.0) -> list[dict]:
    """The subscription's deliveries once none is pending (the worker records them after the answer)."""
    deadline = time.monotonic() + timeout_s
    while True:
        deliveries = api.get(f"/v1/webhooks/{sub_id}/deliveries").json()
        if all(d["status"] != "pending" for d in deliveries) or time.monotonic() > deadline:
            return deliveries
        time.sleep(0.05)


def _subscribe(api, url: str, events: list[str] | None = None) -> dict:
    body = {"url": url, "secret": SECRET, **({"events": events} if events else {})}
    r = api.post("/v1/webhooks", json=body)
    assert r.status_code == 201, r.text
    return r.json()


def test_call_analyzed_is_delivered_signed(start_api, receiver):
    api = start_api(workers=1)
    sub = _subscribe(api, receiver.url, ["call.analyzed"])
    assert sub["secret"] == SECRET and sub["events"] == ["call.analyzed"]
    call = api.upload(external_id="hook-1").json()
    assert receiver.received.wait(60), "no delivery"
    headers, body = receiver.requests[0]
    assert verify(SECRET, body, headers[SIGNATURE_HEADER.lower()])
    assert not verify("another-secret-of-enough-length", body, headers[SIGNATURE_HEADER.lower()])
    event = json.loads(body)
    assert event["event"] == "call.analyzed" and headers["x-callgrade-event"] == "call.analyzed"
    assert event["data"]["call"]["id"] == call["id"] and event["data"]["call"]["status"] == "done"
    assert event["data"]["analysis"]["grade"]["rubric"] == "sales-call"
    deliveries = _settled_deliveries(api, sub["id"])
    assert [(d["status"], d["attempts"], d["response_status"]) for d in deliveries] == [("delivered", 1, 204)]


def test_failing_receiver_is_retried_with_backoff_and_every_attempt_recorded(start_api, make_receiver):
    failing = make_receiver(fail_first=2)
    api = start_api(workers=1, webhook_backoff_s=0.2)
    sub = _subscribe(api, failing.url)
    api.upload()
    assert failing.received.wait(60), "never delivered"
    assert len(failing.requests) == 3
    assert len({body for _, body in failing.requests}) == 1  # the same signed payload each time
    delivery = _settled_deliveries(api, sub["id"])[0]
    assert (delivery["status"], delivery["attempts"], delivery["response_status"]) == ("delivered", 3, 204)


def test_delivery_gives_up_after_the_last_attempt(start_api, make_receiver):
    dead = make_receiver(fail_first=100)
    api = start_api(webhook_max_attempts=3, webhook_backoff_s=0.01)
    sub = _subscribe(api, dead.url, ["call.analyzed"])
    api.upload()
    api.drain()
    delivery = api.get(f"/v1/webhooks/{sub['id']}/deliveries").json()[0]
    assert delivery["status"] == "failed" and delivery["attempts"] == 3 and len(dead.requests) == 3
    assert "HTTP 500" in delivery["error"]


def test_unreachable_receiver_records_the_error(start_api, make_receiver):
    api = start_api(webhook_max_attempts=1)
    closed = make_receiver()
    closed.close()
    sub = _subscribe(api, closed.url)
    api.upload()
    api.drain()
    delivery = api.get(f"/v1/webhooks/{sub['id']}/deliveries").json()[0]
    assert delivery["status"] == "failed" and "Connect" in delivery["error"]


def test_failed_call_keeps_its_reason_fires_call_failed_and_can_be_retried(api, receiver):
    _subscribe(api, receiver.url, ["call.failed"])
    call = api.upload(external_id="lost-file").json()
    stored = api.services.store.path(f"recordings/{call['sha256'][:2]}/{call['sha256']}.txt")
    content = stored.read_bytes()
    stored.unlink()  # the data directory lost the upload before the worker got to it
    api.drain()
    failed = api.get(f"/v1/calls/{call['id']}").json()
    assert failed["status"] == "failed" and failed["error"] == "E200: call.txt: no such file"
    headers, body = receiver.requests[0]
    assert verify(SECRET, body, headers[SIGNATURE_HEADER.lower()])
    event = json.loads(body)
    assert event["event"] == "call.failed" and event["data"]["call"]["error"] == failed["error"]
    assert "analysis" not in event["data"]
    stored.write_bytes(content)
    assert api.post(f"/v1/calls/{call['id']}/reanalyze").status_code == 202
    api.drain()
    retried = api.get(f"/v1/calls/{call['id']}").json()
    assert retried["status"] == "done" and retried["error"] is None and retried["attempts"] == 2
    assert len(receiver.requests) == 1  # call.analyzed is not subscribed


def test_subscription_management_and_validation(api, receiver):
    sub = _subscribe(api, receiver.url)
    assert sub["events"] == ["call.analyzed", "call.failed"]
    assert [s["id"] for s in api.get("/v1/webhooks").json()] == [sub["id"]]
    assert api.post("/v1/webhooks", json={"url": "ftp://x", "secret": SECRET}).status_code == 422
    assert api.post("/v1/webhooks", json={"url": receiver.url, "events": ["call.deleted"]}).status_code == 422
    generated = api.post("/v1/webhooks", json={"url": receiver.url}).json()
    assert len(generated["secret"]) >= 32
    assert api.delete(f"/v1/webhooks/{sub['id']}").status_code == 204
    assert [s["id"] for s in api.get("/v1/webhooks").json()] == [generated["id"]]
    assert api.get(f"/v1/webhooks/{sub['id']}/deliveries").status_code == 404
    assert api.delete(f"/v1/webhooks/{sub['id']}").status_code == 404
