"""Role isolation: every endpoint x every role (anonymous, other team's coach and manager, owner, coach, admin)."""

from __future__ import annotations

import re
from typing import Any, Callable

import pytest

ROLES = ("anon", "m2", "coach_b", "m1", "coach_a", "admin")


@pytest.fixture
def world(api, sample_calls_dir) -> dict[str, Any]:
    """m1 (team A) and m2 (team B) each have an analysed call with a lead; m1 also has a second call,
    a recording (never analysed here) and two disputes."""
    c1 = api.upload(who="m1", lead="lead-1").json()["id"]
    c2 = api.upload(who="m2", lead="lead-2").json()["id"]
    c3 = api.upload(who="m1").json()["id"]
    api.drain()
    audio = (sample_calls_dir / "ru_good_call.ogg").read_bytes()
    a1 = api.upload(audio, who="m1", filename="a.ogg", content_type="audio/ogg").json()["id"]
    disputes = [api.post(f"/v1/calls/{c1}/disputes", "m1", json={"item_id": item, "reason": "I did that"}).json()["id"]
                for item in ("greeting", "summary")]
    teams = {t["name"]: t["id"] for t in api.get("/v1/teams").json()}
    lead1 = api.get(f"/v1/calls/{c1}").json()["lead_id"]
    hook = api.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/hook", "events": ["call.failed"]}).json()["id"]
    return {"c1": c1, "c2": c2, "c3": c3, "a1": a1, "d": disputes, "team_a": teams["A"], "lead1": lead1, "hook": hook,
            "m1": api.ids["m1"]}


def next_rubric_version(api) -> str:
    """The shipped rubric's YAML as a new version."""
    current = api.get("/v1/rubrics/sales-call").json()
    return re.sub(r"(?m)^version: *\d+", f"version: {current['version'] + 1}", current["yaml"], count=1)


# (method, route, path for a role, json body, {role: status}); anonymous requests always get 401.
Case = tuple[str, str, Callable[[dict, str], str], Any, dict[str, int]]
ALL_OK = {r: 200 for r in ROLES if r != "anon"}
OWNER = {"m2": 403, "coach_b": 403, "m1": 200, "coach_a": 200, "admin": 200}
STAFF_OF_A = {"m2": 403, "coach_b": 403, "m1": 403, "coach_a": 200, "admin": 200}
ADMIN_ONLY = {"m2": 403, "coach_b": 403, "m1": 403, "coach_a": 403, "admin": 200}
CREATED_BY_STAFF_OF_A = {**STAFF_OF_A, "coach_a": 201, "admin": 201}

CASES: list[Case] = [
    ("POST", "/v1/calls", lambda w, r: "/v1/calls", "upload",
     {"m2": 403, "coach_b": 403, "m1": 202, "coach_a": 202, "admin": 202}),
    ("GET", "/v1/calls", lambda w, r: "/v1/calls", None, ALL_OK),
    ("GET", "/v1/calls/{call_id}", lambda w, r: f"/v1/calls/{w['c1']}", None, OWNER),
    ("GET", "/v1/calls/{call_id}/transcript", lambda w, r: f"/v1/calls/{w['c1']}/transcript?format=srt", None,
     OWNER),
    ("GET", "/v1/calls/{call_id}/audio", lambda w, r: f"/v1/calls/{w['a1']}/audio", None, OWNER),
    ("POST", "/v1/calls/{call_id}/reanalyze",
     lambda w, r: f"/v1/calls/{w['c3'] if r == 'admin' else w['c1']}/reanalyze", {},
     {**STAFF_OF_A, "coach_a": 202, "admin": 202}),
    ("GET", "/v1/calls/{call_id}/comments", lambda w, r: f"/v1/calls/{w['c1']}/comments", None, OWNER),
    ("POST", "/v1/calls/{call_id}/comments", lambda w, r: f"/v1/calls/{w['c1']}/comments",
     {"text": "good opening", "at_s": 1.0}, CREATED_BY_STAFF_OF_A),
    ("POST", "/v1/calls/{call_id}/overrides", lambda w, r: f"/v1/calls/{w['c1']}/overrides",
     {"item_id": "greeting", "status": "pass", "reason": "the greeting was there"}, CREATED_BY_STAFF_OF_A),
    ("POST", "/v1/calls/{call_id}/disputes", lambda w, r: f"/v1/calls/{w['c1']}/disputes",
     {"item_id": "politeness", "reason": "unfair"}, {"m2": 403, "coach_b": 403, "m1": 201, "coach_a": 403,
                                                     "admin": 403}),
    ("GET", "/v1/disputes", lambda w, r: "/v1/disputes", None, ALL_OK),
    ("POST", "/v1/disputes/{dispute_id}/resolve",
     lambda w, r: f"/v1/disputes/{w['d'][0] if r == 'admin' else w['d'][1]}/resolve",
     {"decision": "reject", "resolution": "the rubric is clear"}, STAFF_OF_A),
    ("GET", "/v1/leads", lambda w, r: "/v1/leads", None, ALL_OK),
    ("GET", "/v1/leads/export", lambda w, r: "/v1/leads/export?format=csv", None, ALL_OK),
    ("GET", "/v1/leads/{lead_id}", lambda w, r: f"/v1/leads/{w['lead1']}", None, {**OWNER, "m2": 404,
                                                                                  "coach_b": 404}),
    ("GET", "/v1/me", lambda w, r: "/v1/me", None, ALL_OK),
    ("GET", "/v1/me/feedback", lambda w, r: "/v1/me/feedback", None, ALL_OK),
    ("GET", "/v1/me/calls", lambda w, r: "/v1/me/calls", None, ALL_OK),
    ("GET", "/v1/managers/{manager_id}/feedback", lambda w, r: f"/v1/managers/{w['m1']}/feedback", None, OWNER),
    ("GET", "/v1/teams", lambda w, r: "/v1/teams", None, {**ALL_OK, "m1": 403, "m2": 403}),
    ("GET", "/v1/teams/{team_id}/overview", lambda w, r: f"/v1/teams/{w['team_a']}/overview", None, STAFF_OF_A),
    ("GET", "/v1/rubrics", lambda w, r: "/v1/rubrics", None, ALL_OK),
    ("GET", "/v1/rubrics/{rubric_id}", lambda w, r: "/v1/rubrics/sales-call", None, ALL_OK),
    ("POST", "/v1/rubrics", lambda w, r: "/v1/rubrics", "rubric", {**ADMIN_ONLY, "admin": 201}),
    ("POST", "/v1/webhooks", lambda w, r: "/v1/webhooks", {"url": "http://127.0.0.1:9/hook"},
     {**ADMIN_ONLY, "admin": 201}),
    ("GET", "/v1/webhooks", lambda w, r: "/v1/webhooks", None, ADMIN_ONLY),
    ("GET", "/v1/webhooks/{subscription_id}/deliveries", lambda w, r: f"/v1/webhooks/{w['hook']}/deliveries", None,
     ADMIN_ONLY),
    ("DELETE", "/v1/webhooks/{subscription_id}", lambda w, r: f"/v1/webhooks/{w['hook']}", None,
     {**ADMIN_ONLY, "admin": 204}),
]


def _send(api, method: str, path: str, body: Any, who: str | None) -> Any:
    if body == "upload":
        return api.upload(who=who, manager="m1")
    if body == "rubric":
        return api.post(path, who, content=next_rubric_version(api),
                        headers={"Content-Type": "application/yaml"})
    if method == "GET":
        return api.get(path, who)
    if method == "DELETE":
        return api.delete(path, who)
    return api.post(path, who, json=body)


def test_every_endpoint_for_every_role(api, world):
    documented = {(m.upper(), p) for p, ops in api.client.app.openapi()["paths"].items() for m in ops}
    assert {(method, route) for method, route, *_ in CASES} == documented  # no endpoint left out
    for method, _, path_of, body, expected in CASES:
        for role in ROLES:
            path = path_of(world, role)
            response = _send(api, method, path, body, None if role == "anon" else role)
            want = expected.get(role, 401)
            assert response.status_code == want, f"{method} {path} as {role}: {response.status_code} {response.text}"
            if want >= 400:
                assert response.json()["error"]["code"].startswith("E6")


def test_lists_show_only_what_the_role_may_see(api, world):
    def call_ids(who: str) -> set[int]:
        return {c["id"] for c in api.get("/v1/calls", who).json()["items"]}

    assert call_ids("m1") == {world["c1"], world["c3"], world["a1"]}
    assert call_ids("m2") == {world["c2"]}
    assert call_ids("coach_a") == {world["c1"], world["c3"], world["a1"]}
    assert call_ids("coach_b") == {world["c2"]}
    assert call_ids("admin") == {world["c1"], world["c2"], world["c3"], world["a1"]}
    assert {c["id"] for c in api.get("/v1/me/calls", "m2").json()["items"]} == {world["c2"]}
    assert api.get("/v1/calls", "m2", params={"manager": "m1"}).json()["items"] == []
    leads = lambda who: {x["id"] for x in api.get("/v1/leads", who).json()["items"]}  # noqa: E731
    assert world["lead1"] in leads("m1") and world["lead1"] not in leads("m2")
    assert "lead-1" not in api.get("/v1/leads/export", "m2").text
    assert api.get("/v1/disputes", "m2").json() == []
    assert len(api.get("/v1/disputes", "coach_a").json()) == 2
    assert api.get("/v1/me/feedback", "m2").json()["manager"]["name"] == "m2"
