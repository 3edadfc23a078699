"""Coach tools (comments, overrides, disputes), managers' self-feedback and the team overview."""

from __future__ import annotations

import pytest

from api.users.service import create_user

WEAK_CALL = """Менеджер: Алло.
Клиент: Здравствуйте, сколько стоит ваша система?
Менеджер: Сто тысяч.
Клиент: Дорого, до свидания.
"""


@pytest.fixture
def graded(api, ru_call) -> dict:
    """Two calls of m1 a week apart and one weak call of m3, also in team A."""
    with api.services.sessions.begin() as session:
        user, api.keys["m3"] = create_user(session, name="m3", role="manager", teams=["A"])
        api.ids["m3"] = user.id
    c1 = api.upload(ru_call, started_at="2026-11-10T10:00:00+03:00").json()["id"]
    c2 = api.upload(WEAK_CALL, started_at="2026-11-17T10:00:00+03:00").json()["id"]
    c3 = api.upload(WEAK_CALL, who="m3", started_at="2026-11-18T10:00:00+03:00").json()["id"]
    api.drain()
    return {"c1": c1, "c2": c2, "c3": c3}


def _failed_item(api, call_id: int) -> str:
    items = api.get(f"/v1/calls/{call_id}").json()["effective_items"]
    return next(i for i, status in items.items() if status == "fail")


def test_comments_are_anchored_and_ordered_by_time(api, graded):
    url = f"/v1/calls/{graded['c1']}/comments"
    api.post(url, "coach_a", json={"text": "general: good energy"})
    api.post(url, "coach_a", json={"text": "ask about the budget earlier", "at_s": 9.0, "item_id": "budget_discovered"})
    api.post(url, "coach_a", json={"text": "great opening", "at_s": 0.5})
    comments = api.get(url, "m1").json()
    assert [c["at_s"] for c in comments] == [0.5, 9.0, None]
    assert comments[1]["item_id"] == "budget_discovered" and comments[0]["author_id"] == api.ids["coach_a"]
    assert api.post(url, "coach_a", json={"text": "after the end", "at_s": 10_000}).status_code == 400


def test_override_changes_the_item_and_rescores_the_call(api, graded):
    call_id = graded["c2"]
    before = api.get(f"/v1/calls/{call_id}").json()
    item = _failed_item(api, call_id)
    r = api.post(f"/v1/calls/{call_id}/overrides", "coach_a",
                 json={"item_id": item, "status": "pass", "reason": "done off the recording"})
    assert r.status_code == 201 and r.json()["previous_status"] == "fail"
    after = api.get(f"/v1/calls/{call_id}").json()
    assert after["effective_items"][item] == "pass"
    assert after["overrides"][0]["reason"] == "done off the recording"
    items = {i["id"]: i for i in after["analysis"]["grade"]["items"]}
    assert items[item]["status"] == "fail"  # the machine's verdict is kept as it was
    judged = {i: s for i, s in after["effective_items"].items() if s in ("pass", "fail")}
    expected = 100 * sum(items[i]["max_points"] for i, s in judged.items() if s == "pass") \
        / sum(items[i]["max_points"] for i in judged)
    assert after["score"] == pytest.approx(expected, abs=0.05) and after["score"] > before["score"]
    listed = api.get("/v1/calls", params={"item": item, "item_status": "pass"}).json()["items"]
    assert call_id in [c["id"] for c in listed]
    assert api.post(f"/v1/calls/{call_id}/overrides", "coach_a",
                    json={"item_id": "no_such_item", "status": "pass", "reason": "typo"}).status_code == 404


def test_override_before_grading_is_a_conflict(api):
    queued = api.upload().json()
    r = api.post(f"/v1/calls/{queued['id']}/overrides", json={"item_id": "greeting", "status": "pass",
                                                              "reason": "not yet"})
    assert r.status_code == 409


def test_dispute_raised_by_the_manager_and_resolved_by_a_coach(api, graded):
    call_id = graded["c2"]
    item = _failed_item(api, call_id)
    url = f"/v1/calls/{call_id}/disputes"
    dispute = api.post(url, "m1", json={"item_id": item, "reason": "I did greet the client"}).json()
    assert dispute["status"] == "open" and dispute["raised_by"] == api.ids["m1"]
    assert api.post(url, "m1", json={"item_id": item, "reason": "again"}).status_code == 409
    assert api.get("/v1/teams/1/overview", "coach_a").json()["open_disputes"] == 1
    resolved = api.post(f"/v1/disputes/{dispute['id']}/resolve", "coach_a",
                        json={"decision": "accept", "resolution": "fair point"}).json()
    assert resolved["status"] == "accepted" and resolved["resolved_by"] == api.ids["coach_a"]
    assert api.get(f"/v1/calls/{call_id}", "m1").json()["effective_items"][item] == "pass"
    assert api.post(f"/v1/disputes/{dispute['id']}/resolve", "coach_a",
                    json={"decision": "reject", "resolution": "changed my mind"}).status_code == 409
    other = _failed_item(api, call_id)
    rejected = api.post(url, "m1", json={"item_id": other, "reason": "unfair"}).json()
    api.post(f"/v1/disputes/{rejected['id']}/resolve", "coach_a",
             json={"decision": "reject", "resolution": "not convincing"})
    assert api.get(f"/v1/calls/{call_id}").json()["effective_items"][other] == "fail"
    assert [d["status"] for d in api.get("/v1/disputes", "m1").json()] == ["accepted", "rejected"]
    assert api.get("/v1/disputes", "m1", params={"status": "open"}).json() == []


def test_self_feedback_trend_item_rates_and_weakest_items(api, graded):
    feedback = api.get("/v1/me/feedback", "m1").json()
    calls = {c: api.get(f"/v1/calls/{graded[c]}").json() for c in ("c1", "c2", "c3")}
    assert feedback["calls"] == 2
    assert [(p["call_id"], p["score"]) for p in feedback["score_trend"]] == \
        [(calls[c]["id"], calls[c]["score"]) for c in ("c1", "c2")]
    assert feedback["average_score"] == pytest.approx((calls["c1"]["score"] + calls["c2"]["score"]) / 2, abs=0.05)
    assert feedback["earlier_average"] == calls["c1"]["score"] and feedback["recent_average"] == calls["c2"]["score"]
    rates = {i["id"]: i for i in feedback["items"]}
    for item_id, rate in rates.items():
        own = [calls[c]["effective_items"][item_id] for c in ("c1", "c2")]
        team = own + [calls["c3"]["effective_items"][item_id]]
        for key, statuses in (("pass_rate", own), ("team_pass_rate", team)):
            judged = [s for s in statuses if s in ("pass", "fail")]
            assert rate[key] == (round(judged.count("pass") / len(judged), 3) if judged else None), (item_id, key)
    weakest = feedback["weakest"]
    assert 1 <= len(weakest) <= 3
    assert [w["pass_rate"] for w in weakest] == sorted(w["pass_rate"] for w in weakest)
    assert all(w["pass_rate"] < 1 for w in weakest)
    for w in weakest:
        assert w["tip"] and w["examples"] and {e["call_id"] for e in w["examples"]} <= {calls["c1"]["id"],
                                                                                         calls["c2"]["id"]}
        assert all(e["quote"] or e["message"] for e in w["examples"])
    coach_view = api.get(f"/v1/managers/{api.ids['m1']}/feedback", "coach_a").json()
    assert coach_view == feedback


def test_team_overview_scores_per_manager(api, graded):
    team_a = next(t["id"] for t in api.get("/v1/teams", "coach_a").json() if t["name"] == "A")
    overview = api.get(f"/v1/teams/{team_a}/overview", "coach_a").json()
    calls = {c: api.get(f"/v1/calls/{graded[c]}").json() for c in ("c1", "c2", "c3")}
    managers = {m["name"]: m for m in overview["managers"]}
    assert set(managers) == {"m1", "m3"}
    assert managers["m1"]["calls"] == 2 and managers["m3"]["calls"] == 1
    assert managers["m3"]["average_score"] == calls["c3"]["score"]
    greeting = next(i for i in overview["items"] if i["id"] == "greeting")
    assert sum(greeting["counts"].values()) == 3
    assert [t["name"] for t in api.get("/v1/teams", "coach_a").json()] == ["A"]
