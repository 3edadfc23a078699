"""Offline language layer: tokens with character offsets and lemmas, for Russian and English.

spaCy's blank pipelines tokenise; Russian lemmas come from pymorphy3's most probable parse
(spaCy's own pymorphy3 lemmatizer needs POS tags and silently falls back on a blank pipeline),
English lemmas from spaCy's lookup tables. spaCy objects stay inside this module: callers get
plain ``Token`` tuples.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from analyzer.contract import guess_language
from analyzer.errors import MissingDependency
from analyzer.types import Transcript

SUPPORTED = ("ru", "en")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # lower-cased, "ё" folded to "е"
    lemma: str
    start: int  # character offsets into the utterance text
    end: int
    is_punct: bool
    like_num: bool


@dataclass(frozen=True, slots=True)
class ProcessedUtterance:
    index: int
    language: str
    norm: str  # lower-cased text, same length as the original so offsets carry over
    tokens: tuple[Token, ...]

    @property
    def lemmas(self) -> tuple[str, ...]:
        return tuple(t.lemma for t in self.tokens)

    @property
    def is_question(self) -> bool:
        return "?" in self.norm


@dataclass(frozen=True, slots=True)
class ProcessedCall:
    transcript: Transcript
    language: str
    utterances: tuple[ProcessedUtterance, ...]


def normalize(text: str) -> str:
    """Lower-cases and folds "ё" without changing the length (offsets stay valid)."""
    low = text.lower().replace("ё", "е")
    if len(low) != len(text):  # rare characters whose lower case is longer
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text).replace("ё", "е")
    return low


@lru_cache(maxsize=None)
def _pipeline(language: str):
    try:
        import spacy
    except ImportError as e:
        raise MissingDependency("spaCy is not installed: pip install 'spacy>=3.8,<3.9'") from e
    nlp = spacy.blank(language)
    if language == "en":
        try:
            nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
            nlp.initialize()
        except Exception as e:  # spaCy raises plain ValueError/OSError for missing tables
            raise MissingDependency("English lemma tables missing: pip install spacy-lookups-data") from e
    return nlp


@lru_cache(maxsize=1)
def _morph():
    try:
        import pymorphy3
    except ImportError as e:
        raise MissingDependency("pymorphy3 is not installed: pip install pymorphy3 pymorphy3-dicts-ru") from e
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def ru_lemma(word: str) -> str:
    """The most probable pymorphy3 lemma ("стоит" -> "стоить"), cached: calls repeat words a lot."""
    if not word or not word[0].isalpha():
        return word
    return _morph().parse(word)[0].normal_form.replace("ё", "е")


def _tokens(doc, language: str) -> tuple[Token, ...]:
    out = []
    for t in doc:
        if t.is_space:
            continue
        text = t.text
        if language == "ru":
            lemma = ru_lemma(text)
        else:
            lemma = (t.lemma_ or text).lower()
        out.append(Token(text, lemma, t.idx, t.idx + len(t.text), t.is_punct, t.like_num))
    return tuple(out)


def utterance_language(text: str, call_language: str) -> str:
    """The utterance's language: the call's, unless the text is clearly in the other one."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < 12:
        return call_language if call_language in SUPPORTED else guess_language(text)
    return guess_language(text)


def process(transcript: Transcript) -> ProcessedCall:
    """Tokenises and lemmatises every utterance, choosing the language per utterance."""
    call_lang = transcript.language if transcript.language in SUPPORTED else guess_language(
        " ".join(u.text for u in transcript.utterances))
    langs = [u.language if u.language in SUPPORTED else utterance_language(u.text, call_lang)
             for u in transcript.utterances]
    norms = [normalize(u.text) for u in transcript.utterances]
    processed: list[ProcessedUtterance | None] = [None] * len(norms)
    for lang in set(langs):
        idx = [i for i, lg in enumerate(langs) if lg == lang]
        for i, doc in zip(idx, _pipeline(lang).pipe(norms[i] for i in idx)):
            processed[i] = ProcessedUtterance(i, lang, norms[i], _tokens(doc, lang))
    return ProcessedCall(transcript, call_lang, tuple(p for p in processed if p is not None))


def process_text(text: str, language: str) -> ProcessedUtterance:
    """One free-standing text, processed as an utterance (for examples and tests)."""
    norm = normalize(text)
    return ProcessedUtterance(0, language, norm, _tokens(_pipeline(language)(norm), language))


def warm_up(languages: Iterable[str] = SUPPORTED) -> None:
    """Loads the pipelines and dictionaries ahead of the first call (API start-up)."""
    for lang in languages:
        _pipeline(lang)
    _morph()
