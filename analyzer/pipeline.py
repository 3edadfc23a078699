"""The main job: a recording or transcript in, a ``CallAnalysis`` out.

Each stage is a pure function of typed data; this module only chains them and records
the versions that made the result.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from analyzer import __version__
from analyzer.contract import load_transcript
from analyzer.settings import Settings, get_settings
from analyzer.types import CallAnalysis, Transcript

log = logging.getLogger(__name__)

TRANSCRIPT_SUFFIXES = {".json", ".txt"}


def transcribe_file(path: str | Path, *, settings: Settings | None = None) -> Transcript:
    """Reads a transcript file, or transcribes a recording with the configured ASR engine."""
    p = Path(path)
    if p.suffix.lower() in TRANSCRIPT_SUFFIXES:
        return load_transcript(p)
    from asr import transcribe

    return transcribe(p, settings=settings or get_settings())


def analyze_transcript(transcript: Transcript, *, rubric: str | Path | None = None,
                       settings: Settings | None = None) -> CallAnalysis:
    """Detects, grades and builds the lead record for one transcript.

    Args:
        transcript: the call, speaker-labelled.
        rubric: a rubric id from ``rubrics/`` or a YAML path; the settings' rubric by default.
        settings: overrides the process settings.

    Returns:
        The full analysis, with the versions of everything that produced it.
    """
    from analyzer.lead import build_lead
    from analyzer.rubric import grade, load_rubric
    from nlp import analyze_text

    settings = settings or get_settings()
    text = analyze_text(transcript, settings=settings)
    rubric_obj = load_rubric(rubric or settings.rubric, settings=settings)
    result = grade(rubric_obj, transcript=transcript, detections=text.detections, metrics=text.metrics)
    lead = build_lead(transcript, text.detections, settings=settings)
    asr_model = f"{transcript.asr.engine}:{transcript.asr.model}" if transcript.asr else "none (transcript input)"
    versions = {
        "callgrade": __version__,
        "asr_model": asr_model,
        "rubric": f"{rubric_obj.id}@{rubric_obj.version}",
        "detectors": ",".join(sorted({d.detector for d in text.detections})),
        "semantic": text.semantic_backend,
    }
    return CallAnalysis(transcript, text.metrics, text.detections, result, lead, versions, transcript.call_id)


def analyze_file(path: str | Path, *, rubric: str | Path | None = None,
                 settings: Settings | None = None) -> CallAnalysis:
    """Analyzes a recording (any format PyAV decodes) or a transcript file (``.json``/``.txt``)."""
    transcript = transcribe_file(path, settings=settings)
    if transcript.call_id is None:
        transcript = replace(transcript, call_id=Path(path).stem)
    return analyze_transcript(transcript, rubric=rubric, settings=settings)
