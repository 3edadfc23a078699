"""What every ASR engine provides: language identification and batched decoding of short chunks.

The transcription pipeline (VAD, chunk packing, roles, clean-up) is engine-independent; an engine
only turns <= 30 s pieces of 16 kHz audio into timed words. Engines never return library objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Protocol, Sequence

import numpy as np

# Whisper sees 30 s at a time; chunks are packed up to this length.
CHUNK_S = 30.0


@dataclass(frozen=True, slots=True)
class RawWord:
    """A word as decoded, its times in seconds from the start of its chunk."""

    text: str
    start_s: float
    end_s: float
    probability: float


@dataclass(frozen=True, slots=True)
class DecodeOptions:
    """Per-call decoding options (kept off the shared model object)."""

    language: str
    beam_size: int = 1


class Engine(Protocol):
    """A loaded speech recogniser, shared by every call in the process."""

    name: str
    model_id: str

    def detect_language(self, audio: np.ndarray) -> tuple[str, float]:
        """The most likely language of up to 30 s of 16 kHz mono audio, and its probability."""
        ...

    def decode(self, chunks: Sequence[np.ndarray], options: DecodeOptions,
               progress: Callable[[int], None] | None = None) -> list[tuple[RawWord, ...]]:
        """Timed words for each chunk (each <= ``CHUNK_S`` of 16 kHz mono audio), in order.

        ``progress(n)`` is called as each group of ``n`` chunks is done.
        """
        ...

    def describe(self) -> Mapping[str, Any]:
        """Load-time options (device, precision, ...) recorded in every transcript."""
        ...
