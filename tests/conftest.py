"""Shared fixtures: paths to the sample calls and a settings factory isolated from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CALLS = ROOT / "sample_calls"


@pytest.fixture(scope="session")
def sample_calls_dir() -> Path:
    return SAMPLE_CALLS


@pytest.fixture
def run_detector():
    """Runs one registered detector function on a plain-text call (``Менеджер:``/``Client:`` lines).

    Returns ``(detections, transcript)``; the rule-only path (no semantic backend) keeps it fast.
    """
    from datetime import datetime

    from analyzer.contract import transcript_from_text
    from analyzer.settings import Settings
    from nlp.context import Context
    from nlp.language import process

    def run(fn, text: str, *, started_at: str | None = None, earlier=(), **settings):
        transcript = transcript_from_text(text, started_at=datetime.fromisoformat(started_at) if started_at else None)
        ctx = Context(process(transcript), Settings(semantic_backend="none", **settings))
        found = list(fn(ctx, tuple(earlier)))
        for d in found:  # every detection quotes its utterance exactly
            assert d.evidence.quote == transcript.utterances[d.evidence.utterance].text[d.evidence.char_start:d.evidence.char_end]
        return found, transcript

    return run


@pytest.fixture(scope="session")
def transcribe_sample():
    """Transcribes a sample call with the real bundled model, once per session per settings.

    ``transcribe_sample("ru_good_call", asr_beam_size=1)`` -> ``Transcript``.
    """
    import asr
    from analyzer.settings import Settings

    cache: dict = {}

    def run(name: str, **settings):
        key = (name, tuple(sorted(settings.items())))
        if key not in cache:
            audio = next(p for p in SAMPLE_CALLS.glob(f"{name}.*") if p.suffix in (".ogg", ".flac", ".wav"))
            cache[key] = asr.transcribe(audio, settings=Settings(**settings))
        return cache[key]

    return run
