"""Decoding recordings with PyAV (no ffmpeg binary): any format FFmpeg's libraries read, to 16 kHz float32.

Stereo stays two channels (manager and client are recorded apart on most telephony systems);
everything else becomes mono. Bad input becomes a coded ``AudioError`` before any model loads.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analyzer.errors import AudioDecodeError, AudioEmpty, AudioNotFound, AudioSilent, AudioTooLong

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000
# What a folder batch treats as recordings (any format PyAV decodes loads; these are the usual names).
AUDIO_SUFFIXES = frozenset({".wav", ".flac", ".ogg", ".opus", ".mp3", ".m4a", ".aac", ".wma", ".webm", ".mp4"})
# Digital silence: a peak below -80 dBFS cannot hold speech.
_SILENCE_PEAK = 1e-4
# Channels this close are one signal saved twice (a mono call in a stereo file).
_SAME_CHANNEL_TOLERANCE = 1e-3


@dataclass(frozen=True, slots=True)
class Audio:
    """Decoded audio: ``samples`` is (channels, n) float32 at ``SAMPLE_RATE``."""

    samples: np.ndarray
    source_rate: int
    source_codec: str
    source_channels: int

    @property
    def channels(self) -> int:
        return int(self.samples.shape[0])

    @property
    def duration_s(self) -> float:
        return self.samples.shape[1] / SAMPLE_RATE


def load_audio(path: str | Path, *, max_audio_s: float) -> Audio:
    """Decodes a recording into 16 kHz float32 channels.

    Args:
        path: any file PyAV decodes (wav, flac, mp3, ogg/opus, m4a/aac, ...).
        max_audio_s: longer recordings are refused before they are decoded in full.

    Returns:
        The audio; two channels for stereo input, one otherwise.

    Raises:
        AudioNotFound, AudioEmpty, AudioDecodeError, AudioTooLong, AudioSilent.
    """
    p = Path(path)
    if not p.is_file():
        raise AudioNotFound(f"{p}: no such file / файл не найден")
    if p.stat().st_size == 0:
        raise AudioEmpty(f"{p}: the file is empty / файл пуст")
    audio = _decode(p, max_audio_s)
    if audio.samples.shape[1] == 0:
        raise AudioEmpty(f"{p}: the recording has no audio samples / в записи нет звука")
    if float(np.max(np.abs(audio.samples))) < _SILENCE_PEAK:
        raise AudioSilent(f"{p}: the recording is silent / запись беззвучна")
    return audio


def _decode(p: Path, max_audio_s: float) -> Audio:
    import av

    try:
        container = av.open(str(p))
    except (av.FFmpegError, UnicodeDecodeError, ValueError) as e:
        raise AudioDecodeError(f"{p}: not a recording PyAV can decode ({_reason(e)}) / "
                               f"файл не распознан как аудио") from e
    with container:
        if not container.streams.audio:
            raise AudioDecodeError(f"{p}: the file has no audio stream / в файле нет звуковой дорожки")
        stream = container.streams.audio[0]
        source_channels = stream.codec_context.channels or 1
        source_rate = stream.codec_context.sample_rate or 0
        if container.duration is not None and container.duration / av.time_base > max_audio_s:
            raise _too_long(p, container.duration / av.time_base, max_audio_s)
        layout = "stereo" if source_channels == 2 else "mono"
        if source_channels > 2:
            log.warning("%s: %d channels mixed down to mono", p, source_channels)
        resampler = av.AudioResampler(format="fltp", layout=layout, rate=SAMPLE_RATE)
        max_samples = int(max_audio_s * SAMPLE_RATE)
        parts, total = [], 0
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    parts.append(out.to_ndarray())
                    total += out.samples
                if total > max_samples:
                    raise _too_long(p, total / SAMPLE_RATE, max_audio_s)
            for out in resampler.resample(None):
                parts.append(out.to_ndarray())
        except av.FFmpegError as e:
            raise AudioDecodeError(f"{p}: the recording is corrupt after {total / SAMPLE_RATE:.1f} s "
                                   f"({_reason(e)}) / файл повреждён") from e
        codec = stream.codec_context.name
    n_channels = 2 if layout == "stereo" else 1
    samples = np.concatenate(parts, axis=1).astype(np.float32, copy=False) if parts \
        else np.zeros((n_channels, 0), np.float32)
    if n_channels == 2 and np.max(np.abs(samples[0] - samples[1]), initial=0.0) < _SAME_CHANNEL_TOLERANCE:
        log.info("%s: both channels carry the same signal, treating it as mono", p)
        samples = samples[:1]
    return Audio(np.ascontiguousarray(samples), source_rate, codec, source_channels)


def _too_long(p: Path, duration_s: float, max_audio_s: float) -> AudioTooLong:
    return AudioTooLong(f"{p}: the recording is longer than the limit of {max_audio_s:.0f} s "
                        f"(CALLGRADE_MAX_AUDIO_S) / запись длиннее допустимого",
                        details={"duration_s": round(duration_s, 1), "max_audio_s": max_audio_s})


def _reason(e: Exception) -> str:
    return getattr(e, "strerror", None) or str(e) or type(e).__name__
