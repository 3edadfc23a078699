from __future__ import annotations


def test_transcript_upload_is_analyzed(api):
    r = api.upload(external_id="x1", lead="+7 912 345-67-89")
    assert r.status_code == 202, r.text
    call = r.json()
    assert call["status"] == "queued"
    api.drain()
    body = api.get(f"/v1/calls/{call['id']}", "m1").json()
    assert body["status"] == "done", body["error"]
    assert body["analysis"]["grade"]["rubric"] == "sales-call"
