"""What a detector sees: the processed call, settings, lexicons and the optional semantic matcher."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from analyzer.settings import Settings
from analyzer.types import Evidence, Transcript
from nlp.language import ProcessedCall, ProcessedUtterance
from nlp.lexicon import Lexicon, Match, load_lexicon


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

    @property
    def transcript(self) -> Transcript:
        return self.call.transcript

    def utt(self, index: int) -> ProcessedUtterance:
        return self.call.utterances[index]

    def lexicon(self, index: int) -> Lexicon:
        return load_lexicon(self.call.utterances[index].language)

    def find(self, index: int, file: str, *, semantic: bool = False) -> list[Match]:
        """Lexicon matches of ``file``'s groups in utterance ``index``.

        With ``semantic=True`` and no rule match, the semantic layer may match the whole utterance
        to a group by meaning (score scaled down: rules are more precise).
        """
        utt = self.call.utterances[index]
        found = self.lexicon(index).find(utt, file)
        if found or not semantic or self.semantic is None:
            return found
        hit = self.semantic.best(self.transcript.utterances[index].text, language=utt.language, file=file)
        if hit is None:
            return []
        group, label, similarity = hit
        return [Match(group, label, 0, len(utt.norm), round(0.8 * similarity, 3))]

    def evidence(self, index: int, start: int = 0, end: int | None = None) -> Evidence:
        return Evidence.of(self.transcript, index, start, end)

    def speaker_indices(self, speaker: str) -> list[int]:
        return [i for i, u in enumerate(self.transcript.utterances) if u.speaker == speaker]
