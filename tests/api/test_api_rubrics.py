"""Rubrics: list and read the shipped and uploaded versions; a new version is validated (422, located)."""

from __future__ import annotations

import re


def _bumped(api, by: int = 1) -> str:
    current = api.get("/v1/rubrics/sales-call").json()
    return re.sub(r"(?m)^version: *\d+", f"version: {current['version'] + by}", current["yaml"], count=1)


def _post(api, text: str, who: str = "admin"):
    return api.post("/v1/rubrics", who, content=text.encode(), headers={"Content-Type": "application/yaml"})


def test_list_and_get_the_shipped_rubric(api):
    rubrics = {r["id"]: r for r in api.get("/v1/rubrics", "m1").json()}
    shipped = rubrics["sales-call"]
    assert shipped["versions"][-1] == {"version": shipped["latest"], "source": "file"}
    detail = api.get("/v1/rubrics/sales-call", "m1").json()
    assert detail["version"] == shipped["latest"] and detail["source"] == "file"
    assert {i["id"] for i in detail["rubric"]["items"]} >= {"greeting", "next_step", "summary"}
    assert api.get("/v1/rubrics/nope").json()["error"]["code"] == "E403"
    assert api.get("/v1/rubrics/sales-call", params={"version": 999}).status_code == 404


def test_upload_a_new_version_and_grade_with_it(api):
    text = _bumped(api).replace("points: 10", "points: 20", 1)
    r = _post(api, text)
    assert r.status_code == 201, r.text
    new = r.json()
    assert new["source"] == "upload" and new["yaml"] == text
    versions = next(x for x in api.get("/v1/rubrics").json() if x["id"] == "sales-call")["versions"]
    assert [v["source"] for v in versions] == ["file", "upload"]
    assert api.get("/v1/rubrics/sales-call").json()["version"] == new["version"]  # the newest is the default
    old = api.upload(rubric="sales-call", rubric_version=new["version"] - 1).json()
    fresh = api.upload().json()
    api.drain()
    assert api.get(f"/v1/calls/{old['id']}").json()["analysis"]["grade"]["rubric_version"] == new["version"] - 1
    assert api.get(f"/v1/calls/{fresh['id']}").json()["analysis"]["grade"]["rubric_version"] == new["version"]
    r = api.post(f"/v1/calls/{old['id']}/reanalyze", json={"rubric": "sales-call", "rubric_version": new["version"]})
    assert r.status_code == 202 and r.json()["rubric"] == f"sales-call@{new['version']}"
    assert r.json()["graded_with"] == f"sales-call@{new['version'] - 1}"
    api.drain()
    assert api.get(f"/v1/calls/{old['id']}").json()["graded_with"] == f"sales-call@{new['version']}"


def test_an_existing_version_is_a_conflict(api):
    r = _post(api, _bumped(api, by=0))
    assert r.status_code == 409 and r.json()["error"]["details"]["latest"] >= 1


def test_invalid_rubrics_are_422_with_located_errors(api):
    text = _bumped(api).replace("items:", "itemz:", 1)
    error = _post(api, text).json()["error"]
    assert error["code"] == "E401"
    assert {d["path"] for d in error["details"]} >= {"itemz", "items"}
    assert all(d["file"] == "upload" and d["line"] for d in error["details"] if d["path"] == "itemz")
    broken = _post(api, "id: x\nversion: [1\n")
    assert broken.status_code == 422 and broken.json()["error"]["details"][0]["line"] in (2, 3)  # where YAML noticed
    assert _post(api, "").status_code == 422
