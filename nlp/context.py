"""What a detector sees: the processed call, settings, lexicons and the optional semantic matcher."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from analyzer.settings import Settings
from analyzer.types import Evidence, Transcript
from nlp.language import ProcessedCall, ProcessedUtterance
from nlp.lexicon import Lexicon, Match, load_lexicon


# A sentence with its closing punctuation; unpunctuated ASR text is one sentence.
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``, leading spaces trimmed."""
    spans = []
    for m in _SENTENCE.finditer(text):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        if any(ch.isalpha() for ch in text[start:m.end()]):
            spans.append((start, m.end()))
    return spans


def sentences_outside(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences of ``text`` that overlap none of the ``taken`` spans (matches of another intent)."""
    return [(s, e) for s, e in sentences(text) if not any(ts < e and te > s for ts, te in taken)]


class IntentMatcher(Protocol):
    """A semantic layer: the closest lexicon group to a text by meaning, with its similarity."""

    name: str

    def best(self, text: str, *, language: str, file: str) -> tuple[str, str | None, float] | None:
        """``(group id, label, similarity)`` of the best group in ``file`` above its threshold, or None."""


@dataclass(frozen=True)
class Context:
    call: ProcessedCall
    settings: Settings
    semantic: IntentMatcher | None = None
    # detectors ask for the same lexicon in the same utterance again and again: each answer is kept
    _found: dict[tuple[int, str, bool], list[Match]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def transcript(self) -> Transcript:
        return self.call.transcript

    def utt(self, index: int) -> ProcessedUtterance:
        return self.call.utterances[index]

    def lexicon(self, index: int) -> Lexicon:
        return load_lexicon(self.call.utterances[index].language)

    def find(self, index: int, file: str, *, semantic: bool = False) -> list[Match]:
        """Lexicon matches of ``file``'s groups in utterance ``index``.

        With ``semantic=True`` and no rule match, the semantic layer may match the one sentence
        closest in meaning to a group; the match spans that sentence, so checks on it (is it a
        question?) still apply. Its score is scaled down: rules are more precise.
        """
        key = (index, file, semantic)
        if key not in self._found:
            self._found[key] = self._find(index, file, semantic)
        return list(self._found[key])

    def _find(self, index: int, file: str, semantic: bool) -> list[Match]:
        utt = self.call.utterances[index]
        found = self.lexicon(index).find(utt, file)
        if found or not semantic or self.semantic is None:
            return found
        text = self.transcript.utterances[index].text
        best: Match | None = None
        for start, end in sentences(text):
            hit = self.semantic.best(text[start:end], language=utt.language, file=file)
            if hit is not None and (best is None or 0.8 * hit[2] > best.score):
                best = Match(hit[0], hit[1], start, end, round(0.8 * hit[2], 3))
        return [best] if best else []

    def evidence(self, index: int, start: int = 0, end: int | None = None) -> Evidence:
        return Evidence.of(self.transcript, index, start, end)

    def speaker_indices(self, speaker: str) -> list[int]:
        return [i for i, u in enumerate(self.transcript.utterances) if u.speaker == speaker]
