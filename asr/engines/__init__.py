"""ASR engines behind one protocol, loaded once per process and shared (they keep no per-call state)."""

from __future__ import annotations

import threading
from functools import lru_cache

from analyzer.errors import ConfigError
from analyzer.settings import Settings
from asr.engines.base import CHUNK_S, DecodeOptions, Engine, RawWord

__all__ = ["CHUNK_S", "DecodeOptions", "Engine", "RawWord", "ENGINES", "get_engine", "load_engine"]

ENGINES = ("faster-whisper", "openai-whisper")
_lock = threading.Lock()


@lru_cache(maxsize=4)
def _load(engine: str, model: str, device: str, compute_type: str, threads: int) -> Engine:
    if engine == "faster-whisper":
        from asr.engines.faster import FasterWhisperEngine

        return FasterWhisperEngine(model, device=device, compute_type=compute_type, threads=threads)
    if engine == "openai-whisper":
        from asr.engines.openai import OpenAIWhisperEngine

        return OpenAIWhisperEngine(model, device=device, threads=threads)
    raise ConfigError(f"unknown ASR engine {engine!r}; choose one of {', '.join(ENGINES)} / неизвестный движок ASR")


def load_engine(engine: str, model: str, *, device: str = "auto", compute_type: str = "auto",
                threads: int = 2) -> Engine:
    """The engine for these options, loaded on first use and reused afterwards (thread-safe)."""
    with _lock:
        return _load(engine, model, device, compute_type, threads)


def get_engine(settings: Settings) -> Engine:
    """The engine the settings ask for (``asr_engine``, ``asr_model``, ``asr_device``, ...)."""
    return load_engine(settings.asr_engine, settings.asr_model, device=settings.asr_device,
                       compute_type=settings.asr_compute_type, threads=settings.threads)
