"""Word error rate of a transcript against a reference, for tests and benchmarks.

Both sides are normalised the way a reader would compare them: case, punctuation and ё/е do not
count, and numbers are compared as digits (Whisper writes "100 тысяч" where the script says
"сто тысяч", "12,000" for "twelve thousand"), like Whisper's own evaluation normalisers.
"""

from __future__ import annotations

import re
from typing import Iterable

from analyzer.errors import MissingDependency
from analyzer.types import Transcript
from asr.cleanup import norm


_GROUPED = re.compile(r"(\d) ?[ ,.\u00a0] ?(\d{3})\b")
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th|-?й|-?я|-?е|-?го|-?му)\b")
_SCALED = re.compile(r"\b(\d+) (1000|1000000|1000000000)\b")


def _numbers(text: str, language: str) -> str:
    from number_parser import parse

    while _GROUPED.search(text):
        text = _GROUPED.sub(r"\1\2", text)
    text = parse(norm(text), language=language) if language in ("ru", "en") else norm(text)
    text = _ORDINAL.sub(r"\1", text)
    return _SCALED.sub(lambda m: str(int(m.group(1)) * int(m.group(2))), text)


def normalise(texts: Iterable[str], language: str = "en") -> str:
    return " ".join(w for t in texts if (w := _numbers(t, language)))


def word_error_rate(reference: Transcript, hypothesis: Transcript, *, speaker: str | None = None) -> float:
    """WER of ``hypothesis`` against ``reference`` over the whole call (or one speaker's words)."""
    try:
        import jiwer
    except ImportError as e:
        raise MissingDependency("WER needs jiwer: pip install 'jiwer>=3.0' (the 'test' extra)") from e
    lang = reference.language
    ref = normalise((u.text for u in reference.utterances if speaker in (None, u.speaker)), lang)
    hyp = normalise((u.text for u in hypothesis.utterances if speaker in (None, u.speaker)), lang)
    if not ref:
        return 0.0 if not hyp else 1.0
    return float(jiwer.wer(ref, hyp))
