"""Removing Whisper's hallucinations: subtitle credits, "music" captions and repetition loops.

The phrase list is data (``asr/data/hallucinations.yaml``), validated strictly; this module is the
small engine that applies it to each turn, word by word, so word timings stay aligned with the text.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

from pydantic import Field

from analyzer.datafile import StrictModel, load_yaml_model
from asr.chunks import TimedWord
from asr.turns import Turn

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data" / "hallucinations.yaml"
_NON_WORD = re.compile(r"[^\w]+")


class HallucinationRules(StrictModel):
    phrases: list[str] = Field(default_factory=list)
    whole_turns: list[str] = Field(default_factory=list)
    tails: list[str] = Field(default_factory=list)
    max_ngram: int = Field(default=6, ge=1, le=20)
    max_repeats: int = Field(default=2, ge=1)
    min_mean_probability: float = Field(default=0.0, ge=0.0, le=1.0)


@lru_cache(maxsize=4)
def load_rules(path: Path = DATA) -> HallucinationRules:
    return load_yaml_model(path, HallucinationRules)


def norm(text: str) -> str:
    """Lower case, no punctuation, ё -> е: how phrases are compared."""
    return _NON_WORD.sub(" ", text.lower().replace("ё", "е")).strip()


def _find(keys: list[str], phrase: list[str]) -> int:
    n = len(phrase)
    return next((i for i in range(len(keys) - n + 1) if keys[i: i + n] == phrase), -1)


def _drop_phrases(words: list[TimedWord], rules: HallucinationRules) -> list[TimedWord]:
    keys = [norm(w.text) for w in words]
    for tail in rules.tails:
        at = _find(keys, tail.split())
        if at >= 0:
            words, keys = words[:at], keys[:at]
    for phrase in sorted(rules.phrases, key=len, reverse=True):
        target = phrase.split()
        while (at := _find(keys, target)) >= 0:
            words, keys = words[:at] + words[at + len(target):], keys[:at] + keys[at + len(target):]
    return words


def _collapse_repeats(words: list[TimedWord], rules: HallucinationRules) -> list[TimedWord]:
    keys = [norm(w.text) for w in words]
    i = 0
    while i < len(words):
        for n in range(1, rules.max_ngram + 1):
            gram = keys[i: i + n]
            if len(gram) < n or not any(gram):
                break
            reps = 1
            while keys[i + reps * n: i + (reps + 1) * n] == gram:
                reps += 1
            if reps > rules.max_repeats:
                cut_from, cut_to = i + rules.max_repeats * n, i + reps * n
                words, keys = words[:cut_from] + words[cut_to:], keys[:cut_from] + keys[cut_to:]
                break
        i += 1
    return words


def clean_turns(turns: list[Turn], rules: HallucinationRules | None = None) -> list[Turn]:
    """Turns without hallucinated words; turns left empty or too unsure are dropped."""
    rules = rules or load_rules()
    out = []
    for turn in turns:
        words = _collapse_repeats(_drop_phrases(list(turn.words), rules), rules)
        if not any(norm(w.text) for w in words) or norm(" ".join(w.text for w in words)) in rules.whole_turns:
            log.info("dropped a hallucinated turn: %r", turn.text)
            continue
        if sum(w.probability for w in words) / len(words) < rules.min_mean_probability:
            log.info("dropped an unsure turn: %r", turn.text)
            continue
        if len(words) != len(turn.words):
            log.info("cleaned a turn: %r", turn.text)
        out.append(Turn(turn.track, tuple(words)))
    return out
