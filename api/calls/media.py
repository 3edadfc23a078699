"""What an upload is: a recording (checked by opening its container) or a transcript (parsed at once)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analyzer.contract import load_transcript
from analyzer.errors import AudioDecodeError, AudioEmpty, AudioTooLong, TranscriptError, UnsupportedMediaType
from analyzer.types import Transcript

AUDIO_TYPES = {
    "audio/flac": ".flac", "audio/x-flac": ".flac", "audio/ogg": ".ogg", "application/ogg": ".ogg",
    "audio/opus": ".opus", "audio/wav": ".wav", "audio/x-wav": ".wav", "audio/wave": ".wav",
    "audio/vnd.wave": ".wav", "audio/mpeg": ".mp3", "audio/mp3": ".mp3", "audio/mp4": ".m4a",
    "audio/x-m4a": ".m4a", "audio/aac": ".aac", "audio/webm": ".webm", "audio/amr": ".amr",
}
TRANSCRIPT_TYPES = {"application/json": ".json", "text/plain": ".txt"}
_BY_SUFFIX = {suffix: media for media, suffix in {**AUDIO_TYPES, **TRANSCRIPT_TYPES}.items()}
GENERIC_TYPES = {"", "application/octet-stream", "binary/octet-stream"}


@dataclass(frozen=True, slots=True)
class UploadKind:
    kind: str  # audio | transcript
    media_type: str
    suffix: str


def classify(content_type: str | None, filename: str | None) -> UploadKind:
    """The kind of an upload from its declared media type (or, when generic, its file name).

    Raises:
        UnsupportedMediaType: neither a supported recording nor a transcript.
    """
    media = (content_type or "").split(";")[0].strip().lower()
    if media in GENERIC_TYPES:
        media = _BY_SUFFIX.get(Path(filename or "").suffix.lower(), media)
    if media in AUDIO_TYPES:
        return UploadKind("audio", media, AUDIO_TYPES[media])
    if media in TRANSCRIPT_TYPES:
        return UploadKind("transcript", media, TRANSCRIPT_TYPES[media])
    supported = sorted({*AUDIO_TYPES, *TRANSCRIPT_TYPES})
    raise UnsupportedMediaType(f"unsupported media type {media or 'none'!r}: send a recording or a transcript",
                               details={"supported": supported})


def read_transcript(path: Path, *, name: str) -> Transcript:
    """Parses a stored transcript upload; errors name the upload, not the store's file (422)."""
    try:
        return load_transcript(path)
    except TranscriptError as e:
        raise TranscriptError(e.message.replace(str(path), name), details=e.details) from e


def probe_audio(path: Path, *, max_s: float) -> float | None:
    """Opens a recording's container to reject what is not audio before it is queued.

    Returns:
        The duration in seconds when the container states it.

    Raises:
        AudioEmpty: a zero-byte file.
        AudioDecodeError: not a container with an audio stream.
        AudioTooLong: longer than ``max_s``.
    """
    if path.stat().st_size == 0:
        raise AudioEmpty("the recording is empty (0 bytes)")
    import av

    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise AudioDecodeError("the file has no audio stream")
            duration = container.duration / 1_000_000 if container.duration else None
    except av.error.FFmpegError as e:
        raise AudioDecodeError(f"not a readable recording: {e.strerror or e}") from e
    if duration is not None and duration > max_s:
        raise AudioTooLong(f"the recording lasts {duration:.0f} s, over the limit of {max_s:.0f} s")
    return duration
