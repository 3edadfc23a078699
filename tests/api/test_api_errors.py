"""Bad input gets the documented 4xx in the one error shape; nothing a client sends causes a 500."""

from __future__ import annotations

import io
import re

import pytest

from analyzer.errors import PayloadTooLarge


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]


def test_corrupt_recording_is_rejected_with_422(api):
    error = _error(api.upload(b"\x00garbage" * 500, filename="call.ogg", content_type="audio/ogg"), 422, "E102")
    assert "recording" in error["message"]


def test_truncated_recording_is_rejected_or_fails_with_a_reason(api, sample_calls_dir):
    audio = (sample_calls_dir / "ru_good_call.ogg").read_bytes()
    r = api.upload(audio[:2000], filename="cut.ogg", content_type="audio/ogg")
    if r.status_code == 202:  # the container header survived: the analysis must fail and say why
        api.drain()
        call = api.get(f"/v1/calls/{r.json()['id']}").json()
        assert call["status"] in ("failed", "done")
        assert call["status"] == "done" or call["error"]
    else:
        _error(r, 422, "E102")


def test_empty_recording_and_empty_transcript_are_422(api):
    _error(api.upload(b"", filename="call.flac", content_type="audio/flac"), 422, "E103")
    _error(api.upload(b"", filename="call.txt", content_type="text/plain"), 422, "E200")


def test_wrong_media_type_is_415(api):
    error = _error(api.upload(b"\x89PNG....", filename="x.png", content_type="image/png"), 415, "E606")
    assert "audio/ogg" in error["details"]["supported"]
    _error(api.upload(b"data", filename="x.bin", content_type="application/octet-stream"), 415, "E606")


def test_generic_media_type_falls_back_to_the_file_name(api):
    r = api.upload("Manager: Hello there, how can I help?\nClient: Hi.", filename="call.txt",
                   content_type="application/octet-stream")
    assert r.status_code == 202 and r.json()["input_kind"] == "transcript"


def test_oversize_upload_is_413_and_leaves_nothing_stored(start_api):
    api = start_api(max_upload_mb=0.01)
    _error(api.upload(b"Manager: hi\n" * 40_000, filename="big.txt"), 413, "E605")  # by Content-Length
    with pytest.raises(PayloadTooLarge):  # a body without a length is capped while it is stored
        api.services.store.put(io.BytesIO(b"x" * 20_000), suffix=".txt", max_bytes=10_000)
    assert not [p for p in api.services.store.root.rglob("*") if p.is_file()]


def test_malformed_transcripts_are_422_with_the_location(api):
    error = _error(api.upload('{"utterances": [{"speaker": "boss", "start_s": 0, "end_s": 1, "text": "hi"}]}',
                              filename="t.json", content_type="application/json"), 422, "E200")
    assert "utterances[0].speaker" in error["message"]
    error = _error(api.upload('{"utterances": [', filename="t.json", content_type="application/json"), 422, "E200")
    assert "invalid JSON" in error["message"]
    error = _error(api.upload("hello without a speaker\n", filename="t.txt"), 422, "E200")
    assert error["details"] == {"line": 1}
    _error(api.upload(b"\xff\xfe\x00bad", filename="t.txt"), 422, "E200")


def test_unknown_rubric_is_404(api):
    _error(api.upload(rubric="no-such-rubric"), 404, "E403")
    _error(api.upload(rubric="sales-call", rubric_version=99), 404, "E403")


def test_request_validation_errors_use_the_error_shape(api):
    error = _error(api.upload(direction="sideways"), 422, "E608")
    assert error["details"][0]["path"] == "body.direction"
    _error(api.post("/v1/calls", data={"manager": "m1"}), 422, "E608")  # no file
    _error(api.get("/v1/calls", params={"limit": 0}), 422, "E608")
    _error(api.get("/v1/calls/abc"), 422, "E608")
    _error(api.post("/v1/calls/1/comments", json={"text": ""}), 422, "E608")
    _error(api.post("/v1/calls/1/comments", content=b"{not json", headers={"Content-Type": "application/json"}),
           422, "E608")


def test_unknown_routes_methods_and_ids(api):
    _error(api.get("/v1/nothing-here"), 404, "E601")
    _error(api.delete("/v1/calls"), 405, "E609")
    _error(api.get("/v1/calls/999999"), 404, "E601")
    _error(api.get("/v1/leads/999999"), 404, "E601")


def test_missing_or_invalid_keys_are_401_with_a_bearer_challenge(api):
    r = api.get("/v1/calls", who=None)
    _error(r, 401, "E602")
    assert r.headers["www-authenticate"] == "Bearer"
    _error(api.client.get("/v1/calls", headers={"Authorization": "Bearer cg_not-a-key"}), 401, "E602")
    _error(api.client.get("/v1/calls", headers={"Authorization": "Basic dXNlcjpwdw=="}), 401, "E602")


def test_revoked_key_is_401(api):
    from api.users.models import User
    from api.users.service import revoke_keys

    with api.services.sessions.begin() as session:
        revoke_keys(session, user=session.get(User, api.ids["m2"]))
    _error(api.get("/v1/me", "m2"), 401, "E602")
    assert api.get("/v1/me", "m1").json()["name"] == "m1"


def test_overlong_values_are_4xx_not_database_errors(api):
    long = "9" * 150
    r = api.upload(lead=long, filename="x" * 400 + ".txt")  # digits beyond E.164: an external lead id
    assert r.status_code == 202, r.text
    assert api.upload(lead="L" * 201).status_code == 422
    api.drain()
    call_id = r.json()["id"]
    for path, body in ((f"/v1/calls/{call_id}/comments", {"text": "x", "item_id": "i" * 101}),
                       (f"/v1/calls/{call_id}/overrides", {"item_id": "i" * 101, "status": "pass", "reason": "why"}),
                       (f"/v1/calls/{call_id}/disputes", {"item_id": "i" * 101, "reason": "why"}),
                       ("/v1/webhooks", {"url": "http://127.0.0.1/" + "p" * 2100})):
        assert api.post(path, "admin", json=body).status_code == 422, path
    assert api.get("/v1/calls", params={"q": "%_" * 500}).json()["total"] == 0


def test_a_client_cannot_name_a_rubric_file(api, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(api.get("/v1/rubrics/sales-call").json()["yaml"], encoding="utf-8")
    assert api.upload(rubric=str(path)).json()["error"]["code"] == "E403"
    assert api.get("/v1/rubrics/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_ids_beyond_32_bits_are_422_or_unknown(api):
    huge = 2**40
    for path in (f"/v1/calls/{huge}", f"/v1/leads/{huge}", f"/v1/managers/{huge}/feedback",
                 f"/v1/teams/{huge}/overview"):
        assert api.get(path).json()["error"]["code"] == "E608", path
    assert api.get("/v1/calls", params={"lead": huge}).status_code == 422
    assert api.get("/v1/calls", params={"manager": str(huge)}).status_code == 404


def test_huge_offsets_and_versions_are_4xx(api):
    assert api.get("/v1/calls", params={"offset": 2**63}).status_code == 422
    assert api.get("/v1/leads", params={"offset": 2**40}).status_code == 422
    yaml = api.get("/v1/rubrics/sales-call").json()["yaml"]
    huge = re.sub(r"(?m)^version: *\d+", "version: 99999999999", yaml, count=1)
    r = api.post("/v1/rubrics", content=huge.encode(), headers={"Content-Type": "application/yaml"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E604"
