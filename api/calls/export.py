"""A stored transcript (CONTRACTS.md JSON) as plain text, SubRip (SRT) or WebVTT subtitles."""

from __future__ import annotations

from typing import Any, Callable, Mapping

_LABEL = {"manager": "Manager", "client": "Client", "unknown": "Unknown"}


def _clock(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _utterances(transcript: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list(transcript.get("utterances") or [])


def to_txt(transcript: Mapping[str, Any]) -> str:
    """``[00:01:02] Manager: text`` lines (the prefixes the plain-text import reads back)."""
    lines = [f"[{_clock(u['start_s'], '.')[:8]}] {_LABEL.get(u['speaker'], 'Unknown')}: {u['text']}"
             for u in _utterances(transcript)]
    return "\n".join(lines) + "\n"


def to_srt(transcript: Mapping[str, Any]) -> str:
    cues = [f"{n}\n{_clock(u['start_s'], ',')} --> {_clock(u['end_s'], ',')}\n"
            f"{_LABEL.get(u['speaker'], 'Unknown')}: {u['text']}\n"
            for n, u in enumerate(_utterances(transcript), 1)]
    return "\n".join(cues)


def _vtt_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(transcript: Mapping[str, Any]) -> str:
    """WebVTT with voice spans (``<v Manager>``); cue text is escaped as the format requires."""
    cues = [f"{_clock(u['start_s'], '.')} --> {_clock(u['end_s'], '.')}\n"
            f"<v {_LABEL.get(u['speaker'], 'Unknown')}>{_vtt_text(u['text'])}\n"
            for u in _utterances(transcript)]
    return "WEBVTT\n\n" + "\n".join(cues)


FORMATS: dict[str, tuple[str, Callable[[Mapping[str, Any]], str]]] = {
    "txt": ("text/plain; charset=utf-8", to_txt),
    "srt": ("application/x-subrip; charset=utf-8", to_srt),
    "vtt": ("text/vtt; charset=utf-8", to_vtt),
}
