"""Uploads, analysis results, idempotency, listing filters, transcript export and re-analysis."""

from __future__ import annotations

import json

from analyzer.contract import transcript_from_dict

EN_CALL = """Manager: Good morning, Acme, this is John, how can I help?
Client: We need a CRM for our sales team.
Manager: What budget do you have in mind?
Client: Around five thousand dollars a year.
Manager: Great, let's schedule a demo on Friday.
"""


def test_transcript_upload_is_queued_then_analyzed_with_the_contract_analysis(api):
    r = api.upload(external_id="tel-1", lead="+7 912 345-67-89", direction="outbound",
                   started_at="2026-11-20T10:15:00+03:00")
    assert r.status_code == 202, r.text
    queued = r.json()
    assert queued["status"] == "queued" and queued["manager"]["name"] == "m1"
    assert queued["input_kind"] == "transcript" and len(queued["sha256"]) == 64
    api.drain()
    call = api.get(f"/v1/calls/{queued['id']}", "m1").json()
    assert call["status"] == "done" and call["error"] is None and call["attempts"] == 1
    analysis = call["analysis"]
    assert set(analysis) >= {"call_id", "transcript", "metrics", "detections", "grade", "lead", "versions"}
    assert analysis["call_id"] == str(queued["id"])
    assert analysis["transcript"]["started_at"].startswith("2026-11-20T10:15:00")
    assert call["score"] == analysis["grade"]["score"]
    assert call["effective_items"] == {i["id"]: i["status"] for i in analysis["grade"]["items"]}
    assert call["lead_id"] is not None


def test_upload_stores_the_file_content_addressed_before_processing(api):
    body = EN_CALL.encode()
    call = api.upload(body, filename="en.txt").json()
    stored = api.services.store.path(f"recordings/{call['sha256'][:2]}/{call['sha256']}.txt")
    assert stored.read_bytes() == body and call["status"] == "queued"
    again = api.upload(body, filename="en-again.txt").json()
    assert again["id"] != call["id"] and again["sha256"] == call["sha256"]


def test_same_external_id_returns_the_existing_call(api):
    first = api.upload(external_id="crm-42")
    second = api.upload(EN_CALL, external_id="crm-42")
    assert first.status_code == 202 and second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert api.get("/v1/calls").json()["total"] == 1


def test_admin_upload_names_the_manager_and_a_manager_defaults_to_themself(api):
    assert api.upload(who="admin").status_code == 400
    by_admin = api.upload(who="admin", manager="m2").json()
    assert by_admin["manager"]["id"] == api.ids["m2"]
    assert api.upload(who="m1").json()["manager"]["id"] == api.ids["m1"]
    assert api.upload(who="m1", manager="m2").status_code == 403
    assert api.upload(who="coach_a", manager="m2").status_code == 403


def test_list_filters_and_pagination(api):
    ru = api.upload(started_at="2026-11-01T10:00:00+00:00").json()
    en = api.upload(EN_CALL, who="m2", started_at="2026-11-10T10:00:00+00:00").json()
    api.drain()
    ids = lambda **q: [c["id"] for c in api.get("/v1/calls", params=q).json()["items"]]  # noqa: E731
    assert ids() == [en["id"], ru["id"]]
    assert ids(limit=1, offset=1) == [ru["id"]]
    assert api.get("/v1/calls", params={"limit": 1}).json()["total"] == 2
    assert ids(manager="m2") == [en["id"]]
    assert ids(team=api.get("/v1/teams").json()[0]["id"]) == [ru["id"]]  # team A sorts first
    assert ids(**{"from": "2026-11-05T00:00:00Z"}) == [en["id"]]
    assert ids(**{"to": "2026-11-05T00:00:00Z"}) == [ru["id"]]
    assert ids(q="СКЛАДА") == [ru["id"]]  # full-text search ignores case, Cyrillic included
    assert ids(q="crm for") == [en["id"]]
    assert ids(q="nothing like this") == []
    ru_detail = api.get(f"/v1/calls/{ru['id']}").json()
    assert ids(score_min=ru_detail["score"], score_max=ru_detail["score"]) \
        == [c for c in (en["id"], ru["id"]) if api.get(f"/v1/calls/{c}").json()["score"] == ru_detail["score"]]
    greeting = ru_detail["effective_items"]["greeting"]
    expected = [c for c in (en["id"], ru["id"])
                if api.get(f"/v1/calls/{c}").json()["effective_items"].get("greeting") == greeting]
    assert ids(item="greeting", item_status=greeting) == expected
    found_type = ru_detail["analysis"]["detections"][0]["type"]
    assert ru["id"] in ids(detection=found_type)
    assert ids(detection="no.such.type") == []
    assert ids(status="done") == [en["id"], ru["id"]]


def test_transcript_exports_in_four_formats(api):
    call = api.upload().json()
    assert api.get(f"/v1/calls/{call['id']}/transcript").status_code == 404  # not analyzed yet
    api.drain()
    base = f"/v1/calls/{call['id']}/transcript"
    data = api.get(base).json()
    transcript = transcript_from_dict(data)
    assert transcript.utterances[0].text.startswith("Добрый день")
    txt = api.get(base, params={"format": "txt"})
    assert txt.headers["content-type"].startswith("text/plain")
    assert txt.text.splitlines()[1].startswith("[00:00:") and "Client: Здравствуйте" in txt.text
    srt = api.get(base, params={"format": "srt"}).text
    first_cue = srt.split("\n\n")[0].splitlines()
    assert first_cue[0] == "1" and " --> " in first_cue[1] and "," in first_cue[1]
    assert len(srt.strip().split("\n\n")) == len(transcript.utterances)
    vtt = api.get(base, params={"format": "vtt"})
    assert vtt.headers["content-type"].startswith("text/vtt")
    assert vtt.text.startswith("WEBVTT\n\n00:00:00.000 --> ") and "<v Manager>Добрый день" in vtt.text
    assert api.get(base, params={"format": "docx"}).status_code == 422


def test_reanalyze_grades_again_and_keeps_every_grade(api):
    call = api.upload().json()
    api.drain()
    first = api.get(f"/v1/calls/{call['id']}").json()
    r = api.post(f"/v1/calls/{call['id']}/reanalyze", json={"rubric": "sales-call"})
    assert r.status_code == 202 and r.json()["status"] == "queued"
    assert api.post(f"/v1/calls/{call['id']}/reanalyze").status_code == 409  # already queued
    api.drain()
    second = api.get(f"/v1/calls/{call['id']}").json()
    assert second["status"] == "done" and second["attempts"] == 2
    assert second["analysis"]["grade"] == first["analysis"]["grade"]
    from sqlalchemy import select

    from api.calls.models import Grade
    with api.services.sessions() as session:
        grades = session.scalars(select(Grade).where(Grade.call_id == call["id"]).order_by(Grade.id)).all()
        assert [g.current for g in grades] == [False, True]


def test_audio_download_supports_range_requests(api, sample_calls_dir):
    audio = (sample_calls_dir / "ru_good_call.ogg").read_bytes()
    call = api.upload(audio, filename="ru_good_call.ogg", content_type="audio/ogg").json()
    assert call["input_kind"] == "audio" and call["duration_s"] > 10
    url = f"/v1/calls/{call['id']}/audio"
    full = api.get(url, "m1")
    assert full.status_code == 200 and full.content == audio and full.headers["accept-ranges"] == "bytes"
    part = api.get(url, "m1", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == audio[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(audio)}"
    assert api.get(url, "m1", headers={"Range": f"bytes={len(audio) + 10}-"}).status_code == 416
    text_call = api.upload().json()
    assert api.get(f"/v1/calls/{text_call['id']}/audio").json()["error"]["code"] == "E601"


def test_json_transcript_upload_keeps_its_times(api, sample_calls_dir):
    raw = (sample_calls_dir / "ru_good_call.transcript.json").read_text(encoding="utf-8")
    call = api.upload(raw, filename="t.json", content_type="application/json").json()
    api.drain()
    stored = api.get(f"/v1/calls/{call['id']}/transcript").json()
    original = json.loads(raw)
    assert [u["start_s"] for u in stored["utterances"]] == [u["start_s"] for u in original["utterances"]]


def test_concurrent_retries_of_one_upload_make_one_call(api):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(lambda _: api.upload(external_id="retry-storm"), range(8)))
    assert {r.status_code for r in responses} <= {200, 202} and [r.status_code for r in responses].count(202) == 1
    assert len({r.json()["id"] for r in responses}) == 1
    assert api.get("/v1/calls").json()["total"] == 1
