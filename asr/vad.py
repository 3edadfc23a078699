"""Speech regions: Silero VAD (bundled in faster-whisper, ~0.001 RTF) helped by the channel's energy.

Only speech is sent to Whisper: it saves most of the decoding time on a call where each side talks
half of the time, and Whisper invents text on silence ("Продолжение следует..."). Silero alone
misses turn openings on narrow-band telephone audio (probabilities of 0.05-0.35 on a clear "Perfect."
or "Great." 40 dB above the line noise). So a frame also counts as speech when Silero gives it some
chance and it is far above the channel's own noise floor, and each region grows over the loud frames
next to it: Silero decides whether there is speech, the energy where it starts and ends.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analyzer.errors import MissingDependency
from asr.audio import SAMPLE_RATE
from asr.engines.base import CHUNK_S

FRAME = 512  # Silero's window at 16 kHz: 32 ms
_FRAME_S = FRAME / SAMPLE_RATE
# A pause this long ends a region: about a change of turn, longer than a pause between sentences.
MIN_SILENCE_MS = 700
SPEECH_PAD_MS = 200
MIN_SPEECH_MS = 200
# "Far above the noise floor": the floor is the 10th percentile of frame levels.
LOUD_ABOVE_FLOOR_DB = 20.0
LOUD_MIN_DBFS = -50.0
MAX_REGION_S = CHUNK_S - 2.0
# Regions grow over at most this much of adjacent loud audio.
MAX_EXTEND_S = 1.5


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of speech on one track, in seconds from the start of the recording."""

    track: int
    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


def speech_probabilities(samples: np.ndarray) -> np.ndarray:
    """Silero's speech probability for every 32 ms frame."""
    try:
        from faster_whisper.vad import get_vad_model
    except ImportError as e:
        raise MissingDependency("Silero VAD comes with faster-whisper: pip install 'faster-whisper>=1.2,<1.3' / "
                                "не установлен faster-whisper") from e
    padded = np.pad(samples, (0, -len(samples) % FRAME)).astype(np.float32, copy=False)
    return np.asarray(get_vad_model()(padded)).reshape(-1)[: len(padded) // FRAME]


def loud_frames(samples: np.ndarray) -> np.ndarray:
    """Frames far above the track's noise floor."""
    frames = np.pad(samples, (0, -len(samples) % FRAME)).reshape(-1, FRAME)
    level = 10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-12)
    floor = np.percentile(level, 10)
    return (level > floor + LOUD_ABOVE_FLOOR_DB) & (level > LOUD_MIN_DBFS)


def speech_regions(samples: np.ndarray, *, track: int, threshold: float) -> list[Region]:
    """Speech regions of one 16 kHz mono track, each shorter than one Whisper window."""
    probs = speech_probabilities(samples)
    loud = loud_frames(samples)[: len(probs)]
    speech = (probs >= threshold) | ((probs >= threshold / 3) & loud)
    gap, shortest = int(MIN_SILENCE_MS / 1000 / _FRAME_S), MIN_SPEECH_MS / 1000 / _FRAME_S
    frames = [(int(i), int(i) + 1) for i in np.flatnonzero(speech)]
    runs = _bridge([_extend(lo, hi, loud) for lo, hi in _bridge(frames, gap)], gap)
    regions = []
    for start, end in (r for r in runs if r[1] - r[0] >= shortest):
        for lo, hi in _split_long(start, end, probs):
            start_s = max(0.0, lo * _FRAME_S - SPEECH_PAD_MS / 1000)
            end_s = min(len(samples) / SAMPLE_RATE, hi * _FRAME_S + SPEECH_PAD_MS / 1000)
            regions.append(Region(track, round(float(start_s), 3), round(float(end_s), 3)))
    return _merge_touching(regions)


def _bridge(spans: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """Joins [start, end) frame spans separated by at most ``gap`` frames."""
    runs: list[list[int]] = []
    for lo, hi in spans:
        if runs and lo - runs[-1][1] <= gap:
            runs[-1][1] = max(runs[-1][1], hi)
        else:
            runs.append([lo, hi])
    return [(lo, hi) for lo, hi in runs]


def _extend(start: int, end: int, loud: np.ndarray) -> tuple[int, int]:
    """Grows a run over the contiguous loud frames on either side."""
    most = int(MAX_EXTEND_S / _FRAME_S)
    lo, hi = start, end
    while lo > 0 and start - lo < most and loud[lo - 1]:
        lo -= 1
    while hi < len(loud) and hi - end < most and loud[hi]:
        hi += 1
    return lo, hi


def _split_long(start: int, end: int, probs: np.ndarray) -> list[tuple[int, int]]:
    """Cuts a run longer than one window at its least speech-like frame in the window's second half."""
    limit = int(MAX_REGION_S / _FRAME_S)
    out = []
    while end - start > limit:
        lo = start + limit // 2
        cut = lo + int(np.argmin(probs[lo: start + limit]))
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _merge_touching(regions: list[Region]) -> list[Region]:
    """Padding can make neighbours overlap; join them unless that makes a region too long."""
    out: list[Region] = []
    for r in regions:
        if out and r.start_s <= out[-1].end_s and r.end_s - out[-1].start_s <= MAX_REGION_S + 1:
            out[-1] = Region(r.track, out[-1].start_s, r.end_s)
        elif out and r.start_s < out[-1].end_s:
            out.append(Region(r.track, out[-1].end_s, r.end_s))
        else:
            out.append(r)
    return out
