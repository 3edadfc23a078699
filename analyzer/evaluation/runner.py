"""Running the pipeline over evaluation folders and scoring every case."""

from __future__ import annotations

import logging
from pathlib import Path

from analyzer.errors import CallgradeError
from analyzer.evaluation.cases import find_cases, load_case_transcript
from analyzer.evaluation.compare import score_case
from analyzer.evaluation.summary import EvalReport, summarize
from analyzer.settings import Settings, get_settings

log = logging.getLogger(__name__)


def evaluate(dirs: list[str | Path] | tuple[str | Path, ...], *, audio: bool = False, rubric: str | Path | None = None,
             settings: Settings | None = None) -> EvalReport:
    """Analyses every case in ``dirs`` with ``analyze_transcript`` and scores it against its gold.

    Args:
        dirs: folders of ``NAME.gold.yaml`` files with their transcripts (or recordings).
        audio: read recordings through ASR instead of the reference transcripts.
        rubric: the rubric to grade with (the settings' rubric by default).
        settings: overrides the process settings.

    Returns:
        The aggregated report. A case whose transcript or analysis raises a coded error is listed
        in ``errors`` and left out of the scores.

    Raises:
        DataFileError: a folder, gold file or the rubric is invalid (see ``find_cases``).
    """
    from analyzer.pipeline import analyze_transcript
    from analyzer.rubric import load_rubric

    settings = settings or get_settings()
    cases = find_cases(dirs, audio=audio)
    load_rubric(rubric or settings.rubric, settings=settings)  # a broken rubric fails once, not once per case
    results, errors = [], []
    for i, case in enumerate(cases, 1):
        log.info("[%d/%d] %s", i, len(cases), case.name)
        try:
            analysis = analyze_transcript(load_case_transcript(case, settings=settings), rubric=rubric,
                                          settings=settings)
        except CallgradeError as e:
            log.warning("%s: %s", case.name, e)
            errors.append((case.name, str(e)))
            continue
        results.append(score_case(case.name, case.gold, analysis))
    return summarize(results, errors)
