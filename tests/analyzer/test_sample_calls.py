"""The sample calls are complete, consistent and cover every scenario the other tests rely on.

No TTS needed: these tests read the committed audio (PyAV), transcripts and gold files.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import av
import numpy as np
import pytest
import yaml

from analyzer.contract import load_transcript

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_calls"
AUDIO_EXT = "ogg"
NAMES = sorted(p.stem for p in (SAMPLES / "scripts").glob("*.yaml"))

DETECTION_TYPES = ("greeting", "bant.question", "bant.answer", "price_first", "rudeness", "contradiction",
                   "cross_sell", "next_step", "summary", "meeting_invite")
RUBRIC_ITEMS = ("greeting", "target_check", "need_discovered", "budget_discovered", "authority_discovered",
                "timeline_discovered", "price_handling", "cross_sell", "manager_led", "politeness", "next_step",
                "summary")
BANT_ITEMS = {"need": "need_discovered", "budget": "budget_discovered", "authority": "authority_discovered",
              "timeline": "timeline_discovered"}


@cache
def gold(name: str) -> dict:
    return yaml.safe_load((SAMPLES / f"{name}.gold.yaml").read_text(encoding="utf-8"))


@cache
def script(name: str) -> dict:
    return yaml.safe_load((SAMPLES / "scripts" / f"{name}.yaml").read_text(encoding="utf-8"))


@cache
def decoded(name: str) -> tuple[np.ndarray, int]:
    """The call's audio as float samples (channels x samples) and the decoder's sample rate."""
    with av.open(str(SAMPLES / f"{name}.{AUDIO_EXT}")) as container:
        stream = container.streams.audio[0]
        frames = [f.to_ndarray() for f in container.decode(stream)]
        rate = stream.codec_context.sample_rate
    return np.concatenate(frames, axis=1).astype(np.float64), rate


def source_rate(path: Path) -> int:
    """The rate the audio was recorded at: Opus always decodes at 48 kHz, its header keeps the input rate."""
    head = path.read_bytes()[:512]
    at = head.find(b"OpusHead")
    assert at >= 0, f"{path.name}: not an Ogg/Opus file"
    return int.from_bytes(head[at + 12: at + 16], "little")


def expects(name: str, **attrs) -> bool:
    return any(all(e.get(k) == v for k, v in attrs.items()) for e in gold(name).get("expect") or [])


def test_there_are_enough_calls():
    assert len(NAMES) >= 12
    assert sum(script(n)["language"] == "ru" for n in NAMES) >= 7
    assert sum(script(n)["language"] == "en" for n in NAMES) >= 4
    assert sum(script(n)["channels"] == "mono" for n in NAMES) >= 3


@pytest.mark.parametrize("name", NAMES)
def test_every_call_has_audio_transcript_and_gold(name):
    for suffix in (f".{AUDIO_EXT}", ".transcript.json", ".gold.yaml"):
        assert (SAMPLES / f"{name}{suffix}").is_file(), f"{name}{suffix} missing"


@pytest.mark.parametrize("name", NAMES)
def test_transcript_is_the_script_with_true_times(name):
    t = load_transcript(SAMPLES / f"{name}.transcript.json")
    s, g = script(name), gold(name)
    assert t.language == s["language"] == g["language"]
    assert t.started_at.isoformat() == s["started_at"] == g["started_at"].replace("Z", "+00:00")
    assert sorted((u.speaker, u.text) for u in t.utterances) == sorted((x["speaker"], x["text"]) for x in s["turns"])
    starts = [u.start_s for u in t.utterances]
    assert starts == sorted(starts)
    assert all(0 <= u.start_s < u.end_s <= t.duration_s for u in t.utterances)
    for speaker in ("manager", "client"):  # one voice never talks over itself
        own = [u for u in t.utterances if u.speaker == speaker]
        assert all(a.end_s <= b.start_s for a, b in zip(own, own[1:]))
    if g["channels"] == "stereo":
        assert all(u.channel == (0 if u.speaker == "manager" else 1) for u in t.utterances)
    else:
        assert all(u.channel is None for u in t.utterances)


@pytest.mark.parametrize("name", NAMES)
def test_audio_is_telephone_quality_and_as_long_as_the_transcript(name):
    audio, rate = decoded(name)
    duration_s = audio.shape[1] / rate
    t = load_transcript(SAMPLES / f"{name}.transcript.json")
    assert 40 <= duration_s <= 180
    assert abs(duration_s - t.duration_s) < 1.0
    assert audio.shape[0] == (2 if gold(name)["channels"] == "stereo" else 1)
    assert source_rate(SAMPLES / f"{name}.{AUDIO_EXT}") == 8000
    frame = 4096  # averaged short spectra: a whole-file FFT of an odd length is slow
    mono = audio.mean(axis=0)
    frames = mono[: len(mono) // frame * frame].reshape(-1, frame)
    power = (np.abs(np.fft.rfft(frames, axis=1)) ** 2).sum(axis=0)
    freqs = np.fft.rfftfreq(frame, 1 / rate)
    assert power[freqs > 3800].sum() < 0.01 * power.sum(), "not band-limited to the telephone band"


@pytest.mark.parametrize("name", [n for n in NAMES if script(n)["channels"] == "stereo"])
def test_stereo_puts_the_manager_left_and_the_client_right(name):
    audio, rate = decoded(name)
    t = load_transcript(SAMPLES / f"{name}.transcript.json")
    spans = [(u.start_s, u.end_s) for u in t.utterances]
    for u in t.utterances:
        alone = not any(s < u.end_s and e > u.start_s for s, e in spans if (s, e) != (u.start_s, u.end_s))
        if not alone:
            continue
        seg = audio[:, int(u.start_s * rate): int(u.end_s * rate)]
        left, right = np.sqrt((seg**2).mean(axis=1))
        talking, quiet = (left, right) if u.speaker == "manager" else (right, left)
        assert talking > 10 * quiet, f"{u.speaker} at {u.start_s}s is not on its own channel"


def test_sample_calls_fit_the_size_budget():
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert total < 15 * 1024 * 1024


@pytest.mark.parametrize("name", NAMES)
def test_gold_labels_every_detection_type_and_rubric_item(name):
    g = gold(name)
    assert set(g["detections"]) == set(DETECTION_TYPES)
    assert all(isinstance(v, bool) for v in g["detections"].values())
    assert set(g["grade"]) == set(RUBRIC_ITEMS)
    assert set(g["grade"].values()) <= {"pass", "fail", "na"}
    for e in g.get("expect") or []:
        assert g["detections"][e["type"]], f"expect {e} but {e['type']} is labelled absent"
    assert g["lead"]["status"] in {"unqualified", "mql", "sql", "disqualified"}
    assert g["lead"]["temperature"] in {"cold", "warm", "hot"}


@pytest.mark.parametrize("name", NAMES)
def test_gold_grade_follows_from_the_labelled_detections(name):
    """The rubric's definitions applied to the gold labels give the gold grade (catches labelling slips)."""
    g, grade = gold(name), gold(name)["grade"]
    det = g["detections"]
    assert (grade["price_handling"] == "na") == (not det["price_first"])
    if det["price_first"]:
        assert (grade["price_handling"] == "pass") == expects(name, type="price_first", manager_response="built_value")
    assert (grade["politeness"] == "fail") == expects(name, type="rudeness", speaker="manager")
    assert (grade["cross_sell"] == "na") == (not expects(name, type="bant.answer", topic="need"))
    if grade["cross_sell"] != "na":
        assert (grade["cross_sell"] == "pass") == expects(name, type="cross_sell", justified=True)
    for topic, item in BANT_ITEMS.items():
        asked_and_answered = (expects(name, type="bant.question", topic=topic)
                              and expects(name, type="bant.answer", topic=topic))
        assert (grade[item] == "pass") == asked_and_answered, item
    asked = {topic for topic in BANT_ITEMS if expects(name, type="bant.question", topic=topic)}
    assert (grade["target_check"] == "pass") == (len(asked) >= 2)
    full_greeting = expects(name, type="greeting", company_named=True, name_named=True, offer_of_help=True)
    assert (grade["greeting"] == "pass") == full_greeting
    assert grade["summary"] == "fail" or det["summary"]
    assert grade["next_step"] == "fail" or det["next_step"]
    signals = g["lead"].get("disqualification_signals") or []
    assert (g["lead"]["status"] == "disqualified") == bool(signals)


@pytest.mark.parametrize("name", NAMES)
def test_gold_manager_led_matches_the_true_talk_ratio(name):
    t = load_transcript(SAMPLES / f"{name}.transcript.json")
    spoken = {"manager": 0.0, "client": 0.0}
    for u in t.utterances:
        spoken[u.speaker] += u.end_s - u.start_s
    ratio = spoken["manager"] / sum(spoken.values())
    questions = sum(u.text.count("?") for u in t.utterances if u.speaker == "manager")
    led = questions >= 4 and 0.30 <= ratio <= 0.65
    assert gold(name)["grade"]["manager_led"] == ("pass" if led else "fail"), f"ratio {ratio:.2f}, {questions} questions"


def _covered(predicate) -> list[str]:
    return [n for n in NAMES if predicate(n)]


SCENARIOS = {
    "russian": lambda n: gold(n)["language"] == "ru",
    "english": lambda n: gold(n)["language"] == "en",
    "stereo": lambda n: gold(n)["channels"] == "stereo",
    "mono": lambda n: gold(n)["channels"] == "mono",
    "good call": lambda n: all(v in ("pass", "na") for v in gold(n)["grade"].values()),
    "price first, bare price": lambda n: expects(n, type="price_first", manager_response="named_price"),
    "price first, value built": lambda n: expects(n, type="price_first", manager_response="built_value"),
    "rude client": lambda n: expects(n, type="rudeness", speaker="client"),
    "rude manager": lambda n: expects(n, type="rudeness", speaker="manager"),
    "budget contradiction": lambda n: expects(n, type="contradiction", topic="budget"),
    "authority contradiction": lambda n: expects(n, type="contradiction", topic="authority"),
    "cross-sell accepted": lambda n: expects(n, type="cross_sell", reaction="accepted"),
    "cross-sell declined": lambda n: expects(n, type="cross_sell", reaction="declined"),
    "disqualified lead": lambda n: gold(n)["lead"]["status"] == "disqualified",
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_every_required_scenario_is_covered(scenario):
    assert _covered(SCENARIOS[scenario]), f"no sample call shows: {scenario}"


def test_good_calls_exist_in_both_languages():
    assert {"ru_good_call", "en_good_call"} <= set(NAMES)
    assert all(SCENARIOS["good call"](n) for n in ("ru_good_call", "en_good_call"))


def test_a_call_has_long_silences_and_overlaps():
    def silences_and_overlaps(name: str) -> tuple[int, int]:
        long_gaps = overlaps = 0
        speech_end = 0.0
        for u in load_transcript(SAMPLES / f"{name}.transcript.json").utterances:
            long_gaps += 4.0 <= u.start_s - speech_end <= 8.0
            overlaps += u.start_s < speech_end
            speech_end = max(speech_end, u.end_s)
        return long_gaps, overlaps

    assert any(gaps >= 3 and overlaps >= 2 for gaps, overlaps in map(silences_and_overlaps, NAMES))
