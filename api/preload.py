"""Loads the models once when the API starts, so the first call does not pay for it."""

from __future__ import annotations

import logging
import time

from analyzer.contract import transcript_from_text
from analyzer.settings import Settings

log = logging.getLogger(__name__)

_WARM_UP = {
    "ru": "Менеджер: Добрый день, чем могу помочь?\nКлиент: Сколько это стоит?",
    "en": "Manager: Good morning, how can I help?\nClient: How much does it cost?",
}


def preload_models(settings: Settings) -> None:
    """Loads the ASR engine and runs the text pipeline once per language (language data, encoders)."""
    from analyzer.pipeline import analyze_transcript
    from asr.engines import get_engine

    started = time.perf_counter()
    get_engine(settings)
    for text in _WARM_UP.values():
        analyze_transcript(transcript_from_text(text), settings=settings)
    log.info("models loaded in %.1f s", time.perf_counter() - started)
