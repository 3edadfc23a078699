"""``callgrade transcribe``: readable and JSON output, folders, coded errors."""

from __future__ import annotations

import json
import re
import wave

import numpy as np
import pytest

from analyzer.cli import main
from analyzer.contract import transcript_from_dict
from asr.audio import SAMPLE_RATE, load_audio

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def short_call(tmp_path_factory, sample_calls_dir):
    """The first 20 s of a Russian stereo sample call, as a 16-bit WAV."""
    audio = load_audio(sample_calls_dir / "ru_good_call.ogg", max_audio_s=600).samples[:, : 20 * SAMPLE_RATE]
    path = tmp_path_factory.mktemp("cli") / "short_call.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2), w.setsampwidth(2), w.setframerate(SAMPLE_RATE)
        w.writeframes((np.clip(audio.T, -1, 1) * 32767).astype("<i2").tobytes())
    return path


def test_readable_transcript_has_times_and_russian_labels(short_call, capsys):
    assert main(["transcribe", str(short_call)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines and all(re.match(r"^\[\d\d:\d\d\.\d\] (Менеджер|Клиент): \S", line) for line in lines)
    assert lines[0].startswith("[00:0") and "Менеджер" in lines[0]


def test_json_follows_the_contract(short_call, capsys):
    assert main(["transcribe", str(short_call), "--json", "--channels", "client,manager", "--beam", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    t = transcript_from_dict(data)
    assert data["asr"]["engine"] == "faster-whisper" and data["asr"]["options"]["channel_roles"] == "client,manager"
    assert t.language == "ru" and t.utterances[0].speaker == "client" and t.utterances[0].words


def test_folder_is_a_batch_and_a_bad_file_does_not_stop_it(short_call, tmp_path, capsys):
    (tmp_path / "a_call.wav").write_bytes(short_call.read_bytes())
    (tmp_path / "b_broken.ogg").write_bytes(b"\x00garbage" * 100)
    (tmp_path / "notes.md").write_text("not a recording", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["transcribe", str(tmp_path), "--json", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert [d["call_id"] for d in json.loads(captured.out)] == ["a_call"]
    assert "b_broken.ogg: E102" in captured.err and "1/2 recordings transcribed" in captured.err
    assert (out / "a_call.transcript.json").exists()


@pytest.mark.parametrize(("args", "code"), [
    (["missing.wav"], "E101"),
    (["--channels", "boss,client"], "E106"),
])
def test_bad_input_prints_a_coded_error(short_call, tmp_path, capsys, args, code):
    argv = ["transcribe", str(tmp_path / args[0])] if args[0].endswith(".wav") else ["transcribe", str(short_call), *args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"callgrade: {code}: ") and "Traceback" not in err


def test_non_audio_file_prints_a_decode_error(tmp_path, capsys):
    (tmp_path / "call.mp3").write_text("hello", encoding="utf-8")
    assert main(["transcribe", str(tmp_path / "call.mp3")]) == 2
    assert "E102" in capsys.readouterr().err


def test_noise_without_speech_is_silent(tmp_path, capsys):
    rng = np.random.default_rng(0)
    with wave.open(str(tmp_path / "hiss.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(8000)
        w.writeframes((rng.normal(0, 0.003, 8000 * 5) * 32767).astype("<i2").tobytes())
    assert main(["transcribe", str(tmp_path / "hiss.wav")]) == 2
    assert "E104" in capsys.readouterr().err
