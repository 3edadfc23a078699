"""Hand-built calls for the rubric tests: a transcript from short lines, detections on its utterances, metrics."""

from __future__ import annotations

from typing import Any

from analyzer.types import Detection, Evidence, Metrics, Transcript, Utterance

_ROLES = {"m": "manager", "c": "client"}


def call(*lines: str, language: str = "ru", step_s: float = 5.0) -> Transcript:
    """``call("m: Добрый день", "c: Здравствуйте")``: one utterance per line, ``step_s`` seconds each."""
    utts = []
    for i, line in enumerate(lines):
        role, _, text = line.partition(": ")
        utts.append(Utterance(_ROLES[role], i * step_s, (i + 1) * step_s - 0.5, text))  # type: ignore[arg-type]
    return Transcript(tuple(utts), language, call_id="test", duration_s=len(lines) * step_s)


def det(t: Transcript, type_: str, index: int, quote: str | None = None, **attributes: Any) -> Detection:
    """A detection on utterance ``index`` (on ``quote`` inside it when given), speaker taken from the utterance."""
    text = t.utterances[index].text
    start = text.index(quote) if quote else 0
    end = start + len(quote) if quote else len(text)
    ev = Evidence.of(t, index, start, end)
    return Detection(type_, ev.speaker, ev, "test.v1", 0.9, attributes)


def metrics(*, questions: int = 5, talk: float = 0.45) -> Metrics:
    return Metrics(
        talk_ratio={"manager": talk, "client": round(1 - talk, 3)},
        longest_monologue_s={"manager": 10.0, "client": 8.0},
        questions={"manager": questions, "client": 2},
        interruptions={"manager": 0, "client": 0},
        silence_share=0.1,
        longest_silence_s=2.0,
        words_per_minute={"manager": 140.0, "client": 120.0},
    )
