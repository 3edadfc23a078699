"""The real bundled model on the sample calls: accuracy, roles, timing invariants, provenance."""

from __future__ import annotations

import yaml
import pytest

from analyzer.contract import load_transcript
from asr.evaluate import word_error_rate
from tests.conftest import SAMPLE_CALLS

pytestmark = pytest.mark.slow

CALLS = sorted(p.name.removesuffix(".gold.yaml") for p in SAMPLE_CALLS.glob("*.gold.yaml")
               if any(SAMPLE_CALLS.glob(p.name.removesuffix(".gold.yaml") + ".ogg")))
GOLD = {name: yaml.safe_load((SAMPLE_CALLS / f"{name}.gold.yaml").read_text(encoding="utf-8")) for name in CALLS}
STEREO = [n for n in CALLS if GOLD[n].get("channels") == "stereo"]
MONO = [n for n in CALLS if GOLD[n].get("channels") == "mono"]
MAX_WER = {"ru": 0.25, "en": 0.15}


def _reference(name: str):
    return load_transcript(SAMPLE_CALLS / f"{name}.transcript.json")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_word_error_rate_per_language_is_within_target(transcribe_sample, language):
    """Corpus WER over all calls of a language (errors summed over calls, as WER benchmarks report it)."""
    errors = words = 0.0
    for name in (n for n in CALLS if GOLD[n]["language"] == language):
        ref = _reference(name)
        n_words = sum(len(u.text.split()) for u in ref.utterances)
        errors += word_error_rate(ref, transcribe_sample(name)) * n_words
        words += n_words
    assert words > 0
    assert errors / words < MAX_WER[language]


@pytest.mark.parametrize("name", CALLS)
def test_no_call_is_far_off(transcribe_sample, name):
    assert word_error_rate(_reference(name), transcribe_sample(name)) < MAX_WER[GOLD[name]["language"]] + 0.1


@pytest.mark.parametrize("name", CALLS)
def test_language_is_detected(transcribe_sample, name):
    t = transcribe_sample(name)
    assert t.language == GOLD[name]["language"]
    assert t.asr.options["language_probability"] > 0.5


@pytest.mark.parametrize("name", STEREO)
def test_stereo_roles_follow_the_channels(transcribe_sample, name):
    t = transcribe_sample(name)
    assert t.roles_confidence == 1.0
    assert {u.speaker for u in t.utterances} == {"manager", "client"}
    for u in t.utterances:
        assert u.speaker == ("manager" if u.channel == 0 else "client")
    # and the words each side says are that side's words in the reference
    ref = _reference(name)
    for role in ("manager", "client"):
        assert word_error_rate(ref, t, speaker=role) < 0.4


def test_stereo_channel_mapping_can_be_swapped_per_call():
    import asr
    from analyzer.settings import Settings

    t = asr.transcribe(SAMPLE_CALLS / f"{STEREO[0]}.ogg", settings=Settings(), channels="client,manager")
    assert all(u.speaker == ("client" if u.channel == 0 else "manager") for u in t.utterances)


@pytest.mark.parametrize("name", MONO)
def test_mono_roles_are_mostly_right(transcribe_sample, name):
    """Best effort: diarization + lexical cues; most of each side's words land on the right role."""
    t, ref = transcribe_sample(name), _reference(name)
    assert t.roles_confidence is not None and 0.0 <= t.roles_confidence <= 1.0
    assert all(u.channel is None for u in t.utterances)
    for role in ("manager", "client"):
        assert word_error_rate(ref, t, speaker=role) < 0.5


@pytest.mark.parametrize("name", CALLS)
def test_timestamps_are_monotonic_and_inside_the_audio(transcribe_sample, name):
    t = transcribe_sample(name)
    assert t.utterances
    starts = [u.start_s for u in t.utterances]
    assert starts == sorted(starts)
    for u in t.utterances:
        assert 0.0 <= u.start_s <= u.end_s <= t.duration_s
        assert u.words and u.text
        assert [w.start_s for w in u.words] == sorted(w.start_s for w in u.words)
        for w in u.words:
            assert u.start_s <= w.start_s <= w.end_s <= u.end_s
            assert 0.0 <= w.probability <= 1.0
            assert w.text in u.text


@pytest.mark.parametrize("name", CALLS)
def test_utterances_match_reference_timing(transcribe_sample, name):
    """Every recognised utterance overlaps a reference utterance of the same speaker (stereo) or any (mono)."""
    t, ref = transcribe_sample(name), _reference(name)
    stereo = GOLD[name]["channels"] == "stereo"
    for u in t.utterances:
        assert any(r.start_s - 0.5 <= u.end_s and u.start_s <= r.end_s + 0.5 and (not stereo or r.speaker == u.speaker)
                   for r in ref.utterances), u


def test_transcript_says_how_it_was_made(transcribe_sample):
    t = transcribe_sample(CALLS[0])
    assert t.asr.engine == "faster-whisper"
    assert "whisper-base" in t.asr.model
    options = t.asr.options
    assert options["compute_type"] == "int8" and options["device"] == "cpu"
    assert options["beam_size"] == 1 and options["vad_threshold"] == 0.3
    assert options["source"]["codec"] == "opus" and options["channels"] == "stereo"


def test_no_subtitle_hallucinations_in_long_silences(transcribe_sample):
    """The call with 4-8 s pauses: nothing invented in them."""
    from asr.cleanup import load_rules, norm

    rules = load_rules()
    text = norm(" ".join(u.text for u in transcribe_sample("ru_silences_overlaps").utterances))
    assert not [p for p in rules.phrases + rules.tails if p in text]
