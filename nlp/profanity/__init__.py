"""Swear words and slurs from kept open word lists, matched as whole words, masked forms included.

Whole-word matching keeps innocent words with swear substrings quiet ("рубля", "команда",
"застрахуйте", "Scunthorpe", "assistant"). Masked forms ("х*р", "бл@", "f**k", "п...ц") match a
listed word whose letters fill the mask; Latin look-alikes inside Cyrillic words ("пиzдец",
"еbalo") are folded back first.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analyzer.errors import LexiconError
from nlp.lexicon import DATA_DIR

WORDLIST_DIR = DATA_DIR / "wordlists"
KINDS = ("profanity", "insult", "mild")

_MASK = "*@#$%_"
# A word, possibly with mask characters inside or at its end, or dots between letters ("п...ц").
# A "!" masks only between letters ("sh!tty"); at a word's end it is punctuation.
_WORD = re.compile(r"[^\W\d_]+(?:(?:[*@#$%_]+|!(?=[^\W\d_])|\.{1,4}(?=[^\W\d_]))[^\W\d_]*)*[*@#$%]*")
_LATIN_TO_CYRILLIC = str.maketrans("aeopcxykmtbhz3uldinsgrv", "аеорсхукмтбхззилдинсгрв")
_EN_SUFFIXES = ("ing", "ers", "er", "ed", "es", "s", "y")


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # character offsets into the searched text
    end: int
    word: str  # the listed form it matched
    kind: str
    masked: bool


class WordList:
    """One language's list: exact forms plus a by-first-letter index for masked forms."""

    def __init__(self, language: str, forms: dict[str, str]) -> None:
        self.language = language
        self.forms = forms
        self._by_first: dict[str, list[str]] = {}
        for form in forms:
            self._by_first.setdefault(form[0], []).append(form)

    def find(self, text: str) -> list[Hit]:
        """Listed words in ``text`` (lower-cased), in order; mild words only when masked."""
        hits = []
        for m in _WORD.finditer(text):
            token = m.group()
            masked = any(ch in _MASK + "!" for ch in token) or "." in token
            word = self._masked(token) if masked else self._plain(token)
            if word is None:
                continue
            kind = self.forms[word]
            if kind == "mild" and not masked:
                continue
            hits.append(Hit(m.start(), m.end(), word, kind, masked))
        return hits

    def _plain(self, token: str) -> str | None:
        token = self._fold(token)
        if token in self.forms:
            return token
        if self.language == "en":
            for suffix in _EN_SUFFIXES:
                stem = token[: -len(suffix)]
                if token.endswith(suffix) and len(stem) >= 3 and self.forms.get(stem, "mild") != "mild":
                    return stem
        return None

    def _masked(self, token: str) -> str | None:
        letters = sum(ch.isalpha() for ch in token)
        if letters < 2 or token.endswith(".") or not token[0].isalpha():
            return None
        token = self._fold(token)
        parts = re.split(r"([*@#$%_.!]+)", token)
        pattern = "".join(
            f"[^\\W\\d_]{{{0 if p[0] == '.' else 1},{len(p) + 2}}}" if p and p[0] in _MASK + ".!" else re.escape(p)
            for p in parts
        )
        rx = re.compile(pattern + r"\Z")
        # people mask swear words: among the forms that fit, profanity before insults and mild words
        # ("f***ing" is "fucking", not "fagging"), then the shortest
        fits = [w for w in self._by_first.get(token[0], ()) if rx.match(w)]
        return min(fits, key=lambda w: (self.forms[w] == "insult", self.forms[w] == "mild", len(w)), default=None)

    def _fold(self, token: str) -> str:
        token = token.replace("ё", "е")
        if self.language == "ru" and re.search("[а-я]", token) and re.search("[a-z]", token):
            token = token.translate(_LATIN_TO_CYRILLIC)
        return token


@lru_cache(maxsize=None)
def load_wordlist(language: str, directory: Path = WORDLIST_DIR) -> WordList:
    """The language's word list (``<lang>_profanity.csv``), validated row by row."""
    path = directory / f"{language}_profanity.csv"
    forms: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8") as f:
            reader = csv.reader(f)
            if next(reader, None) != ["form", "kind"]:
                raise LexiconError(f"{path}:1: expected the header 'form,kind'")
            for lineno, row in enumerate(reader, 2):
                if len(row) != 2 or not row[0] or row[1] not in KINDS:
                    raise LexiconError(f"{path}:{lineno}: expected 'form,kind' with kind one of {', '.join(KINDS)}")
                forms[row[0]] = row[1]
    except OSError as e:
        raise LexiconError(f"{path}: cannot read the word list: {e.strerror or e}") from e
    return WordList(language, forms)
