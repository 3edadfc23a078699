"""The client's BANT statements in a call, and which one is the last word on each topic."""

from __future__ import annotations

from typing import Iterable

from analyzer.types import Detection, Evidence


def position(ev: Evidence) -> tuple[float, int, int]:
    """Time order of a piece of evidence."""
    return ev.start_s, ev.utterance, ev.char_start


def when(d: Detection) -> tuple[float, int, int]:
    return position(d.evidence)


def latest_answers(detections: Iterable[Detection]) -> dict[str, Detection]:
    """The client's last ``bant.answer`` per topic; refusals state nothing and are skipped."""
    latest: dict[str, Detection] = {}
    answers = (d for d in detections if d.type == "bant.answer" and d.speaker != "manager")
    for d in sorted(answers, key=when):
        value = d.get("value")
        if d.get("topic") and not (isinstance(value, dict) and value.get("refused")):
            latest[d.get("topic")] = d
    return latest
