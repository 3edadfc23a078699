"""A real recording through the running API: models loaded at start-up, ASR, grading, ``call.analyzed``."""

from __future__ import annotations

import json

import pytest

from api.webhooks.signing import SIGNATURE_HEADER, verify

SECRET = "an-end-to-end-secret-0123456789"


def _sample(sample_calls_dir):
    return next(p for p in (sample_calls_dir / "ru_good_call.flac", sample_calls_dir / "ru_good_call.ogg")
                if p.exists())


@pytest.mark.slow
def test_sample_recording_is_transcribed_graded_and_announced(start_api, receiver, sample_calls_dir):
    api = start_api(workers=1, preload_models=True)
    api.post("/v1/webhooks", json={"url": receiver.url, "secret": SECRET, "events": ["call.analyzed"]})
    path = _sample(sample_calls_dir)
    media = "audio/flac" if path.suffix == ".flac" else "audio/ogg"
    call = api.upload(path.read_bytes(), filename=path.name, content_type=media, external_id="e2e",
                      started_at="2026-11-20T10:15:00+03:00").json()
    assert call["input_kind"] == "audio" and call["status"] == "queued"
    assert receiver.received.wait(300), "call.analyzed never arrived"
    headers, body = receiver.requests[0]
    assert verify(SECRET, body, headers[SIGNATURE_HEADER.lower()])
    analysis = json.loads(body)["data"]["analysis"]
    speakers = {u["speaker"] for u in analysis["transcript"]["utterances"]}
    assert speakers == {"manager", "client"}
    assert analysis["versions"]["asr_model"] != "none (transcript input)"
    assert analysis["grade"]["items"] and analysis["lead"] is not None
    done = api.wait_for(call["id"])
    assert done["analysis"]["transcript"] == analysis["transcript"]
    assert "0:00:0" in api.get(f"/v1/calls/{call['id']}/transcript", params={"format": "srt"}).text
    assert api.get(f"/v1/calls/{call['id']}/audio").content == path.read_bytes()
