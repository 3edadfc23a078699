"""faster-whisper (CTranslate2) engine: the default, int8 on CPU, float16 on CUDA."""

from __future__ import annotations

import bisect
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from analyzer.errors import MissingDependency, ModelError
from asr.audio import SAMPLE_RATE
from asr.bundled import BUNDLED_ID, BUNDLED_NAME, bundled_files
from asr.engines.base import DecodeOptions, RawWord

log = logging.getLogger(__name__)

# openai-whisper's sample_len: caps a repetition loop at what one 30 s window can really hold.
MAX_NEW_TOKENS = 224
# Small batches: a batch runs as long as its longest chunk, and CPU matmuls gain little from size.
BATCH_SIZE = 4


def balanced_batches(count: int, workers: int) -> list[list[int]]:
    """Indices in batches of at most ``BATCH_SIZE`` whose number is a multiple of ``workers``.

    Twelve windows on two workers as 4+4+4 leave one worker idle for the last batch; 3+3+3+3 keep both busy.
    """
    if count == 0:
        return []
    groups = min(count, workers * -(-count // (workers * BATCH_SIZE)))
    sizes = [count // groups + (i < count % groups) for i in range(groups)]
    starts = [sum(sizes[:i]) for i in range(groups)]
    return [list(range(start, start + size)) for start, size in zip(starts, sizes)]


def _import():
    try:
        import ctranslate2
        import faster_whisper
    except ImportError as e:
        raise MissingDependency("faster-whisper is not installed: pip install 'faster-whisper>=1.2,<1.3' / "
                                "не установлен faster-whisper") from e
    return ctranslate2, faster_whisper


def resolve_device(device: str, compute_type: str) -> tuple[str, str]:
    """``auto`` picks CUDA when a GPU is visible; precision follows (float16 on GPU, int8 on CPU)."""
    ctranslate2, _ = _import()
    if device == "auto":
        device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    if compute_type == "auto":
        compute_type = "float16" if device == "cuda" else "int8"
    return device, compute_type


class FasterWhisperEngine:
    """Whisper through CTranslate2.

    On CPU it runs ``threads`` single-threaded CTranslate2 workers fed from as many Python threads:
    Whisper's decoder steps are too small to gain from two threads each, so two workers decoding
    different batches are ~1.5x faster than one two-threaded worker (measured on 2 cores).
    """

    name = "faster-whisper"

    def __init__(self, model: str, *, device: str, compute_type: str, threads: int) -> None:
        _, faster_whisper = _import()
        self.device, self.compute_type = resolve_device(device, compute_type)
        self.model_id = BUNDLED_ID if model == BUNDLED_NAME else model
        self.workers = threads if self.device == "cpu" else 1
        kwargs: dict[str, Any] = dict(device=self.device, compute_type=self.compute_type,
                                      cpu_threads=1 if self.device == "cpu" else threads, num_workers=self.workers)
        try:
            if model == BUNDLED_NAME:
                self._model = faster_whisper.WhisperModel(BUNDLED_NAME, files=bundled_files(), **kwargs)
            else:
                self._model = faster_whisper.WhisperModel(model, **kwargs)
        except (OSError, RuntimeError, ValueError) as e:
            raise ModelError(f"cannot load the faster-whisper model {model!r} ({e}); use a local CTranslate2 "
                             f"directory, or a model name with network access (HF_HUB_OFFLINE=0) / "
                             f"не удалось загрузить модель") from e
        log.info("faster-whisper %s loaded on %s (%s)", self.model_id, self.device, self.compute_type)

    def describe(self) -> Mapping[str, Any]:
        return {"device": self.device, "compute_type": self.compute_type, "workers": self.workers,
                "batch_size": BATCH_SIZE}

    def detect_language(self, audio: np.ndarray) -> tuple[str, float]:
        language, probability, _ = self._model.detect_language(audio=audio)
        return language, float(probability)

    def decode(self, chunks: Sequence[np.ndarray], options: DecodeOptions,
               progress: Callable[[int], None] | None = None) -> list[tuple[RawWord, ...]]:
        batches = balanced_batches(len(chunks), self.workers)
        out: list[tuple[RawWord, ...]] = [()] * len(chunks)

        def run(batch: list[int]) -> None:
            for i, words in zip(batch, self._decode_batch([chunks[i] for i in batch], options)):
                out[i] = words
            if progress is not None:
                progress(len(batch))

        if self.workers > 1 and len(batches) > 1:
            with ThreadPoolExecutor(self.workers) as pool:
                list(pool.map(run, batches))
        else:
            for batch in batches:
                run(batch)
        return out

    def _decode_batch(self, chunks: Sequence[np.ndarray], options: DecodeOptions) -> list[tuple[RawWord, ...]]:
        from faster_whisper import BatchedInferencePipeline

        offsets = np.cumsum([0] + [len(c) for c in chunks[:-1]]) / SAMPLE_RATE
        clips = [{"start": float(o), "end": float(o + len(c) / SAMPLE_RATE)} for o, c in zip(offsets, chunks)]
        # A pipeline per batch: it keeps per-call state (last_speech_timestamp); the shared model keeps none.
        pipeline = BatchedInferencePipeline(self._model)
        segments, _ = pipeline.transcribe(
            np.concatenate(chunks), language=options.language, beam_size=options.beam_size,
            batch_size=len(chunks), clip_timestamps=clips, vad_filter=False, word_timestamps=True,
            without_timestamps=True, max_new_tokens=MAX_NEW_TOKENS, log_progress=False,
        )
        out: list[list[RawWord]] = [[] for _ in chunks]
        starts = list(offsets)
        for segment in segments:
            for w in segment.words or ():
                i = max(0, bisect.bisect_right(starts, (w.start + w.end) / 2) - 1)
                out[i].append(RawWord(w.word, w.start - starts[i], w.end - starts[i], float(w.probability)))
        return [tuple(ws) for ws in out]
