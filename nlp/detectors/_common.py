"""Shared detector steps: one detection per utterance where a lexicon label matches."""

from __future__ import annotations

from typing import Any, Iterator

from analyzer.types import Detection
from nlp.context import Context


def phrase_detections(ctx: Context, *, file: str, label: str, type: str, detector: str,
                      speakers: tuple[str, ...], semantic: bool = False,
                      attributes: dict[str, Any] | None = None) -> Iterator[Detection]:
    """A ``type`` detection for each utterance by ``speakers`` where ``file``'s ``label`` matches."""
    for index, utt in enumerate(ctx.transcript.utterances):
        if utt.speaker not in speakers:
            continue
        hits = [m for m in ctx.find(index, file, semantic=semantic) if m.label == label]
        if hits:
            yield Detection(type, utt.speaker, ctx.evidence(index, hits[0].start, hits[0].end), detector,
                            hits[0].score, dict(attributes or {}))
