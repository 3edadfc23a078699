"""Packing speech regions into <= 30 s Whisper windows, and mapping decoded times back.

Whisper pays a full encoder pass per 30 s window however little speech it holds, so regions of
one track are concatenated (silence between them dropped) until a window is full. Each chunk
remembers where its pieces came from, so word times map back to the recording.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from asr.audio import SAMPLE_RATE
from asr.engines.base import CHUNK_S, RawWord
from asr.vad import Region


# Silence between packed pieces: gives word alignment a clear border, so a word lands on the right turn.
GAP_S = 0.4


@dataclass(frozen=True, slots=True)
class Chunk:
    """Regions of one track, played back to back with ``GAP_S`` of silence between them."""

    track: int
    pieces: tuple[Region, ...]

    @property
    def duration_s(self) -> float:
        return sum(p.duration_s for p in self.pieces) + GAP_S * (len(self.pieces) - 1)

    def audio(self, tracks: Sequence[np.ndarray]) -> np.ndarray:
        samples, gap = tracks[self.track], np.zeros(int(GAP_S * SAMPLE_RATE), np.float32)
        parts: list[np.ndarray] = []
        for p in self.pieces:
            if parts:
                parts.append(gap)
            parts.append(samples[int(p.start_s * SAMPLE_RATE): int(p.end_s * SAMPLE_RATE)])
        return np.concatenate(parts)

    def locate(self, t_s: float) -> tuple[int, float]:
        """The piece holding chunk time ``t_s`` (a gap splits between its neighbours) and the recording time."""
        starts = np.cumsum([0.0] + [p.duration_s + GAP_S for p in self.pieces[:-1]])
        i = min(max(bisect.bisect_right(list(starts - GAP_S / 2), t_s) - 1, 0), len(self.pieces) - 1)
        piece = self.pieces[i]
        return i, float(min(max(piece.start_s + t_s - float(starts[i]), piece.start_s), piece.end_s))


def pack(regions: Iterable[Region], *, max_s: float = CHUNK_S) -> list[Chunk]:
    """Greedy packing in time order, one track per chunk; a region never spans two chunks."""
    by_track: dict[int, list[Region]] = {}
    for r in sorted(regions, key=lambda r: (r.track, r.start_s)):
        by_track.setdefault(r.track, []).append(r)
    chunks: list[Chunk] = []
    for track, items in by_track.items():
        current: list[Region] = []
        for region in items:
            if current and Chunk(track, (*current, region)).duration_s > max_s:
                chunks.append(Chunk(track, tuple(current)))
                current = []
            current.append(region)
        if current:
            chunks.append(Chunk(track, tuple(current)))
    return chunks


@dataclass(frozen=True, slots=True)
class TimedWord:
    """A decoded word placed back on the recording's time line."""

    track: int
    piece: Region
    text: str
    start_s: float
    end_s: float
    probability: float


def place(chunk: Chunk, words: Sequence[RawWord]) -> list[TimedWord]:
    """Maps a chunk's decoded words to recording time.

    A word belongs to the piece holding its end: alignment stretches a word's start back into the
    silence before it, so the first word of a piece often starts inside the gap, but ends are accurate.
    """
    out = []
    for w in words:
        index, _ = chunk.locate(w.end_s)
        piece = chunk.pieces[index]
        start = _clamp(chunk.locate(w.start_s)[1], piece)
        end = _clamp(chunk.locate(w.end_s)[1], piece)
        out.append(TimedWord(chunk.track, piece, w.text, start, max(start, end), w.probability))
    return out


def _clamp(t_s: float, piece: Region) -> float:
    return min(max(t_s, piece.start_s), piece.end_s)
