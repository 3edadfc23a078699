"""Transcript -> detections and conversation metrics, for Russian and English calls."""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.settings import Settings, get_settings
from analyzer.types import Detection, Metrics, Transcript


@dataclass(frozen=True)
class TextAnalysis:
    detections: tuple[Detection, ...]
    metrics: Metrics
    semantic_backend: str


def analyze_text(transcript: Transcript, *, settings: Settings | None = None) -> TextAnalysis:
    """Runs every registered detector and computes the metrics.

    Args:
        transcript: a speaker-labelled call (from ASR or a transcript file).
        settings: overrides the process settings (semantic backend, catalogue, thresholds).

    Returns:
        Detections in time order (each with evidence into the transcript) and the metrics.
    """
    from nlp.context import Context
    from nlp.language import process
    from nlp.metrics import compute_metrics
    from nlp.registry import registered
    from nlp.semantic import get_intent_matcher

    settings = settings or get_settings()
    matcher = get_intent_matcher(settings)
    ctx = Context(process(transcript), settings, matcher.for_call() if matcher else None)
    found: list[Detection] = []
    for detector in registered():
        found.extend(detector.fn(ctx, tuple(found)))
    found.sort(key=lambda d: (d.evidence.start_s, d.evidence.utterance, d.type))
    return TextAnalysis(tuple(found), compute_metrics(transcript), matcher.name if matcher else "none")
