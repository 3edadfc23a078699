"""openai-whisper (PyTorch) engine: the reference implementation, fed numpy audio (no ffmpeg binary).

``bundled`` converts the bundled CTranslate2 weights in memory (0.3 s), so this backend runs
offline on the same model as faster-whisper; a ``.pt`` path loads a checkpoint (``callgrade models
convert-openai`` writes one); any other name goes to ``whisper.load_model`` (downloads when online).
Chunks are prepared exactly as faster-whisper's batched pipeline does (log-mel of the chunk alone,
zero-padded to 3000 frames, no timestamp tokens), so both engines see the same input.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from analyzer.errors import MissingDependency, ModelError
from asr.audio import SAMPLE_RATE
from asr.bundled import BUNDLED_ID, BUNDLED_NAME, bundled_files
from asr.engines.base import DecodeOptions, RawWord

log = logging.getLogger(__name__)

_FIX = ("pip install tiktoken numba more-itertools tqdm && pip install --no-deps openai-whisper==20250625 "
        "(or: pip install 'callgrade[openai]' then openai-whisper with --no-deps: its triton is useless on CPU)")
BATCH_SIZE = 4
MAX_NEW_TOKENS = 224
_FRAMES_PER_S = 100


def _import():
    try:
        import torch
        import whisper
        import whisper.timing
    except ImportError as e:
        raise MissingDependency(f"openai-whisper is not installed: {_FIX} / не установлен openai-whisper") from e
    return torch, whisper


class OpenAIWhisperEngine:
    """Whisper through PyTorch; float32 on CPU, float16 on CUDA."""

    name = "openai-whisper"

    def __init__(self, model: str, *, device: str, threads: int) -> None:
        torch, whisper = _import()
        self.device = ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device
        if self.device == "cpu":
            torch.set_num_threads(threads)
        self._model = self._load(model, torch, whisper)
        self.model_id = f"{BUNDLED_ID}, converted to PyTorch" if model == BUNDLED_NAME else model
        self._fp16 = self.device == "cuda"
        log.info("openai-whisper %s loaded on %s", self.model_id, self.device)

    def _load(self, model: str, torch: Any, whisper: Any) -> Any:
        from whisper.model import ModelDimensions, Whisper

        try:
            if model == BUNDLED_NAME:
                from asr.convert import openai_checkpoint

                checkpoint = openai_checkpoint(bundled_files())
            elif Path(model).is_file():
                checkpoint = torch.load(model, map_location="cpu", weights_only=True)
            else:
                return whisper.load_model(model, device=self.device)
            net = Whisper(ModelDimensions(**checkpoint["dims"]))
            net.load_state_dict(checkpoint["model_state_dict"])
        except (OSError, RuntimeError, KeyError, ValueError) as e:
            raise ModelError(f"cannot load the openai-whisper model {model!r} ({e}); give a .pt checkpoint "
                             f"(callgrade models convert-openai OUT.pt) or a model name with network access / "
                             f"не удалось загрузить модель") from e
        heads = checkpoint.get("alignment_heads")
        if heads:
            mask = torch.zeros(net.dims.n_text_layer, net.dims.n_text_head, dtype=torch.bool)
            for layer, head in heads:
                mask[layer, head] = True
            net.register_buffer("alignment_heads", mask.to_sparse(), persistent=False)
        return net.to(self.device).eval()

    def describe(self) -> Mapping[str, Any]:
        return {"device": self.device, "fp16": self._fp16, "batch_size": BATCH_SIZE}

    def _mel(self, audio: np.ndarray) -> Any:
        import whisper

        mel = whisper.log_mel_spectrogram(np.ascontiguousarray(audio, dtype=np.float32), self._model.dims.n_mels)
        return whisper.pad_or_trim(mel, whisper.audio.N_FRAMES).to(self.device)

    def detect_language(self, audio: np.ndarray) -> tuple[str, float]:
        torch, _ = _import()
        with torch.inference_mode():
            _, probs = self._model.detect_language(self._mel(audio[: 30 * SAMPLE_RATE]))
        language = max(probs, key=probs.get)
        return language, float(probs[language])

    def decode(self, chunks: Sequence[np.ndarray], options: DecodeOptions,
               progress: Callable[[int], None] | None = None) -> list[tuple[RawWord, ...]]:
        out: list[tuple[RawWord, ...]] = []
        for i in range(0, len(chunks), BATCH_SIZE):
            batch = chunks[i: i + BATCH_SIZE]
            out.extend(self._decode_batch(batch, options))
            if progress is not None:
                progress(len(batch))
        return out

    def _decode_batch(self, chunks: Sequence[np.ndarray], options: DecodeOptions) -> list[tuple[RawWord, ...]]:
        torch, whisper = _import()
        from whisper.timing import add_word_timestamps
        from whisper.tokenizer import get_tokenizer

        tokenizer = get_tokenizer(self._model.is_multilingual, num_languages=self._model.num_languages,
                                  language=options.language, task="transcribe")
        decoding = whisper.DecodingOptions(
            task="transcribe", language=options.language, temperature=0.0, sample_len=MAX_NEW_TOKENS,
            beam_size=options.beam_size if options.beam_size > 1 else None, without_timestamps=True, fp16=self._fp16,
        )
        out = []
        with torch.inference_mode():
            mels = torch.stack([self._mel(c) for c in chunks])
            results = whisper.decode(self._model, mels, decoding)
            for chunk, mel, result in zip(chunks, mels, results):
                # faster-whisper measures a chunk in whole seconds for alignment; do the same.
                frames = math.ceil(len(chunk) / SAMPLE_RATE) * _FRAMES_PER_S
                segment = {"seek": 0, "start": 0.0, "end": len(chunk) / SAMPLE_RATE, "tokens": result.tokens}
                if result.tokens:
                    add_word_timestamps(segments=[segment], model=self._model, tokenizer=tokenizer, mel=mel,
                                        num_frames=frames, last_speech_timestamp=0.0)
                out.append(tuple(RawWord(w["word"], w["start"], w["end"], float(w["probability"]))
                                 for w in segment.get("words", ())))
        return out
