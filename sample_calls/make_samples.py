"""Regenerates the sample calls (audio + reference transcripts) from the scripts in ``scripts/``.

Why synthetic: real sales calls carry personal data; TTS dialogues give audio whose every word
and timing is known, so ASR, NLP, rubric and lead code can be tested against exact truth.

Prerequisites (Debian/Ubuntu):
    apt-get install festival festvox-ru festvox-kallpc16k festvox-kdlpc16k sox opus-tools
and the project venv (PyYAML, numpy, pydantic, the ``analyzer`` package).

Usage (from the repository root):
    .venv/bin/python sample_calls/make_samples.py            # every script
    .venv/bin/python sample_calls/make_samples.py ru_good_call en_good_call

For each ``scripts/NAME.yaml`` it writes ``NAME.ogg`` (8 kHz telephone audio in Opus; stereo =
manager left, client right, mono = the mix) and ``NAME.transcript.json`` (CONTRACTS.md, true times).
``NAME.gold.yaml`` is written by hand. Output is deterministic: turn gaps and noise come from
generators seeded by the call name. Opus, not FLAC: lossless 8 kHz audio with line noise takes
~100 kbit/s and the set would not fit the 15 MB budget; Opus is a telephone codec at 16 kbit/s a channel.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import subprocess
import sys
import tempfile
import wave
from datetime import datetime
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from analyzer.datafile import load_yaml_model

log = logging.getLogger("make_samples")

HERE = Path(__file__).resolve().parent
SCRIPTS = HERE / "scripts"
EXT = "ogg"
OPUS_KBPS_PER_CHANNEL = 16
TTS_RATE = 16000
PHONE_RATE = 8000
SPEECH_RMS = 0.08  # every turn is levelled to this RMS so both sides sound equally loud
NOISE_RMS = 0.003  # "a little noise": about -50 dBFS of white noise before the telephone band-pass
LEAD_IN_S = 0.6
TAIL_S = 0.8


class Voice(BaseModel):
    """A festival voice, optionally shifted with sox so one voice can play two people."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    festival: str
    pitch_cents: int = 0
    tempo: float = 1.0


VOICES: dict[str, Voice] = {
    "ru_a": Voice(festival="voice_msu_ru_nsh_clunits"),
    "ru_b": Voice(festival="voice_msu_ru_nsh_clunits", pitch_cents=450, tempo=1.03),
    "en_a": Voice(festival="voice_kal_diphone"),
    "en_b": Voice(festival="voice_ked_diphone", pitch_cents=-150, tempo=0.95),
}


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    speaker: Literal["manager", "client"]
    text: str = Field(min_length=1)
    pause_before_s: float | None = Field(default=None, ge=0, le=10)
    overlap_s: float | None = Field(default=None, gt=0, le=3)


class CallScript(BaseModel):
    """One call as data: who says what, in which order, with which pauses and overlaps."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    language: Literal["ru", "en"]
    channels: Literal["stereo", "mono"]
    started_at: datetime
    voices: dict[Literal["manager", "client"], str] | None = None
    turns: list[Turn] = Field(min_length=2)

    @model_validator(mode="after")
    def _check(self) -> CallScript:
        for role, name in self.speaker_voices().items():
            if name not in VOICES:
                raise ValueError(f"unknown voice {name!r} for {role}; known: {sorted(VOICES)}")
        if self.turns[0].overlap_s:
            raise ValueError("turns[0]: the first turn cannot overlap anything")
        for i, (prev, turn) in enumerate(zip(self.turns, self.turns[1:]), start=1):
            if turn.overlap_s and turn.speaker == prev.speaker:
                raise ValueError(f"turns[{i}]: overlap_s needs a change of speaker")
            if turn.overlap_s and turn.pause_before_s:
                raise ValueError(f"turns[{i}]: pause_before_s and overlap_s exclude each other")
        return self

    def speaker_voices(self) -> dict[str, str]:
        return self.voices or {"manager": f"{self.language}_a", "client": f"{self.language}_b"}


def _run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, capture_output=True)


def _read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        if w.getframerate() != TTS_RATE or w.getnchannels() != 1:
            raise RuntimeError(f"{path}: expected {TTS_RATE} Hz mono, got {w.getframerate()} Hz x{w.getnchannels()}")
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768.0


def _write_wav(path: Path, audio: np.ndarray, rate: int) -> None:
    """Writes float audio (samples x channels) as 16-bit PCM."""
    data = np.clip(np.round(audio * 32767.0), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1 if data.ndim == 1 else data.shape[1])
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data.tobytes())


def _trim(audio: np.ndarray, frame: int = 160, floor_db: float = -42.0) -> np.ndarray:
    """Cuts TTS lead/tail silence so the turn's start/end times are where speech really is."""
    n = len(audio) // frame
    rms = np.sqrt(np.mean(audio[: n * frame].reshape(n, frame) ** 2, axis=1) + 1e-12)
    loud = np.flatnonzero(20 * np.log10(rms / rms.max()) > floor_db)
    if loud.size == 0:
        raise RuntimeError("TTS produced silence")
    return audio[loud[0] * frame: (loud[-1] + 1) * frame]


def synthesize(text: str, voice: Voice, workdir: Path) -> np.ndarray:
    """Speaks ``text`` with festival (UTF-8 works for festvox-ru), shifts it, trims and levels it."""
    src, raw, shifted = workdir / "turn.txt", workdir / "turn.wav", workdir / "shifted.wav"
    src.write_text(text + "\n", encoding="utf-8")
    _run(["text2wave", "-eval", f"({voice.festival})", str(src), "-o", str(raw)])
    if voice.pitch_cents or voice.tempo != 1.0:
        _run(["sox", "-D", str(raw), str(shifted), "pitch", str(voice.pitch_cents), "tempo", "-s", str(voice.tempo)])
        raw = shifted
    audio = _trim(_read_wav(raw))
    return audio * (SPEECH_RMS / np.sqrt(np.mean(audio**2)))


def layout(script: CallScript, lengths_s: list[float], rng: random.Random) -> list[tuple[float, float]]:
    """True (start_s, end_s) of every turn: natural gaps, scripted pauses and overlaps."""
    times: list[tuple[float, float]] = []
    cursor = LEAD_IN_S
    for i, (turn, length) in enumerate(zip(script.turns, lengths_s)):
        if i == 0:
            start = turn.pause_before_s or LEAD_IN_S
        elif turn.overlap_s:
            start = max(cursor - turn.overlap_s, times[-1][0] + 0.3)
        else:
            gap = turn.pause_before_s if turn.pause_before_s is not None else rng.uniform(0.35, 0.9)
            start = cursor + gap
        own_end = max((e for (s, e), t in zip(times, script.turns) if t.speaker == turn.speaker), default=0.0)
        if start < own_end:
            raise ValueError(f"turn {i}: {turn.speaker} would talk over themselves")
        times.append((round(start, 3), round(start + length, 3)))
        cursor = max(cursor, start + length)
    return times


def render(name: str, script: CallScript, workdir: Path) -> dict:
    """Builds the call's audio file and returns its reference transcript (CONTRACTS.md dict)."""
    seed = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)
    voices = {role: VOICES[v] for role, v in script.speaker_voices().items()}
    clips = [synthesize(t.text, voices[t.speaker], workdir) for t in script.turns]
    times = layout(script, [len(c) / TTS_RATE for c in clips], random.Random(seed))
    duration_s = round(max(e for _, e in times) + TAIL_S, 3)
    tracks = {"manager": np.zeros(int(duration_s * TTS_RATE) + 1), "client": np.zeros(int(duration_s * TTS_RATE) + 1)}
    for turn, clip, (start_s, _) in zip(script.turns, clips, times):
        at = int(round(start_s * TTS_RATE))
        tracks[turn.speaker][at: at + len(clip)] += clip
    noise = np.random.default_rng(seed)
    if script.channels == "stereo":
        mix = np.stack([tracks["manager"], tracks["client"]], axis=1)
    else:
        mix = tracks["manager"] + tracks["client"]
    mix = mix + noise.normal(0.0, NOISE_RMS, mix.shape)
    wide, phone = workdir / "call.wav", workdir / "phone.wav"
    _write_wav(wide, mix / max(1.0, np.abs(mix).max() / 0.95), TTS_RATE)
    # Telephone channel: 300-3400 Hz band, 8 kHz; -D: no (random) dither, so output is reproducible.
    _run(["sox", "-D", str(wide), "-b", "16", str(phone), "sinc", "300-3400", "rate", "-v", str(PHONE_RATE)])
    kbps = OPUS_KBPS_PER_CHANNEL * (2 if script.channels == "stereo" else 1)
    _run(["opusenc", "--quiet", "--speech", "--bitrate", str(kbps), "--serial", str(seed),
          str(phone), str(HERE / f"{name}.{EXT}")])
    utterances = []
    for turn, (start_s, end_s) in sorted(zip(script.turns, times), key=lambda p: p[1][0]):
        utt = {"speaker": turn.speaker, "start_s": start_s, "end_s": end_s, "text": turn.text}
        if script.channels == "stereo":
            utt["channel"] = 0 if turn.speaker == "manager" else 1
        utterances.append(utt)
    return {"call_id": name, "language": script.language, "started_at": script.started_at.isoformat(),
            "duration_s": duration_s, "utterances": utterances}


def talk_stats(transcript: dict) -> tuple[float, int]:
    """Manager share of speech time and number of manager questions (to check the gold's manager_led)."""
    spoken = {"manager": 0.0, "client": 0.0}
    for u in transcript["utterances"]:
        spoken[u["speaker"]] += u["end_s"] - u["start_s"]
    questions = sum(u["text"].count("?") for u in transcript["utterances"] if u["speaker"] == "manager")
    return spoken["manager"] / sum(spoken.values()), questions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="script names (default: all in scripts/)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    names = args.names or sorted(p.stem for p in SCRIPTS.glob("*.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            script = load_yaml_model(SCRIPTS / f"{name}.yaml", CallScript)
            transcript = render(name, script, Path(tmp))
            (HERE / f"{name}.transcript.json").write_text(
                json.dumps(transcript, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            ratio, questions = talk_stats(transcript)
            log.info("%-28s %6.1f s  %s  manager talk %.2f, %d questions", name, transcript["duration_s"],
                     script.channels, ratio, questions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
