"""Finding evaluation cases in folders and loading their transcripts.

A case is ``NAME.gold.yaml`` plus its call: ``NAME.txt`` (plain text with role prefixes),
``NAME.transcript.json`` (CONTRACTS.md), or with ``audio=True`` a recording
``NAME.<flac|ogg|wav>`` that goes through ASR, as in production.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from analyzer.contract import load_transcript, transcript_from_text
from analyzer.errors import DataFileError, MissingDependency, TranscriptError
from analyzer.evaluation.gold import Gold, load_gold
from analyzer.settings import Settings
from analyzer.types import Transcript
from asr.audio import AUDIO_SUFFIXES

log = logging.getLogger(__name__)

GOLD_SUFFIX = ".gold.yaml"
TEXT_SUFFIXES = (".txt", ".transcript.json")


@dataclass(frozen=True, slots=True)
class EvalCase:
    """One gold-labelled call: its name, labels and the file the call is read from."""

    name: str
    gold: Gold
    gold_path: Path
    source: Path


def find_cases(dirs: list[str | Path] | tuple[str | Path, ...], *, audio: bool = False) -> tuple[EvalCase, ...]:
    """Every case in ``dirs`` and their subfolders (``corpus`` finds ``corpus/ru`` and ``corpus/en``), sorted by path.

    Raises:
        DataFileError: a folder is missing or holds no gold files, a gold file is invalid,
            or a gold file has no transcript (or, with ``audio``, no recording) beside it.
    """
    cases: list[EvalCase] = []
    for d in dirs:
        folder = Path(d)
        if not folder.is_dir():
            raise DataFileError(f"{folder}: not a folder of evaluation cases")
        golds = sorted(folder.rglob(f"*{GOLD_SUFFIX}"))
        if not golds:
            raise DataFileError(f"{folder}: no *{GOLD_SUFFIX} files")
        cases += [load_case(g, audio=audio) for g in golds]
    return tuple(cases)


def load_case(gold_path: str | Path, *, audio: bool = False) -> EvalCase:
    """One case from its gold file and the call beside it.

    Raises:
        DataFileError: the gold file is invalid or no transcript (recording, with ``audio``) sits beside it.
    """
    gold_path = Path(gold_path)
    name = gold_path.name[: -len(GOLD_SUFFIX)]
    suffixes = tuple(sorted(AUDIO_SUFFIXES)) if audio else TEXT_SUFFIXES
    source = next((gold_path.with_name(name + s) for s in suffixes if gold_path.with_name(name + s).is_file()), None)
    if source is None:
        raise DataFileError(f"{gold_path}: no call beside it (looked for {', '.join(name + s for s in suffixes)})")
    return EvalCase(name, load_gold(gold_path), gold_path, source)


def load_case_transcript(case: EvalCase, *, settings: Settings | None = None) -> Transcript:
    """The case's transcript, with the gold's language and start time filled in where the file lacks them.

    Raises:
        TranscriptError: the transcript file breaks the contract (the message names the file).
        MissingDependency: a recording needs ASR and the ASR stage cannot be loaded.
    """
    gold, path = case.gold, case.source
    if path.name.endswith(".txt"):
        try:
            transcript = transcript_from_text(path.read_text(encoding="utf-8"), language=gold.language,
                                              call_id=case.name, started_at=gold.started_at)
        except TranscriptError as e:
            raise TranscriptError(f"{path}: {e.message}", details=e.details) from e
        except (OSError, UnicodeDecodeError) as e:
            raise TranscriptError(f"{path}: cannot read as UTF-8 text: {e}") from e
    elif path.name.endswith(".json"):
        transcript = load_transcript(path)
    else:
        from analyzer.pipeline import transcribe_file

        log.info("transcribing %s", path)
        try:
            transcript = transcribe_file(path, settings=settings)
        except ImportError as e:  # the ASR stage is optional at install time
            raise MissingDependency(f"{path}: cannot transcribe, the ASR stage is not available: {e}") from e
    return replace(
        transcript,
        call_id=transcript.call_id or case.name,
        started_at=transcript.started_at or gold.started_at,
        language=gold.language if transcript.language in ("", "auto") else transcript.language,
    )
