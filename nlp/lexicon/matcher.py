"""Runs lexicon groups over processed utterances and returns character spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.language import ProcessedUtterance, Token
from nlp.lexicon.schema import Group, Pattern


@dataclass(frozen=True, slots=True)
class Match:
    group: str
    label: str | None
    start: int  # character offsets into the utterance text
    end: int
    score: float


class _Element:
    """One lemma-sequence element; exact alternatives sit in a set (lexicons list dozens per element)."""

    __slots__ = ("any", "exact", "prefixes")

    def __init__(self, spec: str) -> None:
        alternatives = [a.strip() for a in spec.lower().replace("ё", "е").split("|")]
        self.any = "*" in alternatives
        self.exact = frozenset(a for a in alternatives if not a.endswith("*"))
        self.prefixes = tuple(a[:-1] for a in alternatives if a.endswith("*") and a != "*")

    def accepts(self, token: Token) -> bool:
        if self.any or token.lemma in self.exact or token.text in self.exact:
            return True
        return bool(self.prefixes) and (token.lemma.startswith(self.prefixes) or token.text.startswith(self.prefixes))


_last_words: tuple[ProcessedUtterance | None, list[Token]] = (None, [])


def _words(utt: ProcessedUtterance) -> list[Token]:
    """The utterance's non-punctuation tokens; every pattern of every group asks for the same utterance in a row."""
    global _last_words
    cached_utt, words = _last_words  # one tuple read: safe when threads share the matcher
    if cached_utt is not utt:
        words = [t for t in utt.tokens if not t.is_punct]
        _last_words = (utt, words)
    return words


class CompiledPattern:
    """A pattern ready to run; lemma sequences match greedily left to right with bounded gaps."""

    def __init__(self, pattern: Pattern) -> None:
        self.regex = re.compile(pattern.regex) if pattern.regex else None
        self.elements = tuple(_Element(e) for e in pattern.lemmas or ())
        self.max_gap = pattern.max_gap

    def spans(self, utt: ProcessedUtterance) -> list[tuple[int, int]]:
        if self.regex is not None:
            return [(m.start(), m.end()) for m in self.regex.finditer(utt.norm) if m.end() > m.start()]
        words = _words(utt)
        found = []
        for i, token in enumerate(words):
            if self.elements[0].accepts(token):
                end = self._extend(words, i, 1)
                if end is not None:
                    found.append((token.start, words[end].end))
        return found

    def _extend(self, words: list[Token], pos: int, k: int) -> int | None:
        if k == len(self.elements):
            return pos
        for j in range(pos + 1, min(len(words), pos + 2 + self.max_gap)):
            if self.elements[k].accepts(words[j]):
                end = self._extend(words, j, k + 1)
                if end is not None:
                    return end
        return None


class CompiledGroup:
    def __init__(self, group: Group) -> None:
        self.group = group
        self.patterns = tuple(CompiledPattern(p) for p in group.patterns)
        self.exclude = tuple(CompiledPattern(p) for p in group.exclude)

    def find(self, utt: ProcessedUtterance) -> list[Match]:
        """All non-overlapping matches in the utterance, unless an exclude pattern fires in it."""
        spans = sorted({s for p in self.patterns for s in p.spans(utt)})
        if not spans or any(p.spans(utt) for p in self.exclude):
            return []
        out, last_end = [], -1
        for start, end in spans:
            if start >= last_end:
                out.append(Match(self.group.id, self.group.label, start, end, self.group.score))
                last_end = end
        return out
