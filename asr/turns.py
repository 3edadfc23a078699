"""Timed words -> turns: the words of one track between pauses, in time order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from asr.chunks import TimedWord

# Two stretches of one track with nothing from the other track between them and a pause shorter
# than this are one turn (a breath inside a sentence, not a change of speaker).
MERGE_GAP_S = 1.5
_CONTINUES = set(",.-'’%:;!?")  # first characters of a word piece that belongs to the previous word


@dataclass(frozen=True, slots=True)
class Turn:
    track: int
    words: tuple[TimedWord, ...]

    @property
    def start_s(self) -> float:
        return self.words[0].start_s

    @property
    def end_s(self) -> float:
        return max(w.end_s for w in self.words)

    @property
    def text(self) -> str:
        """The words with single spaces; a word Whisper starts without a space and with punctuation
        continues the previous one ("12" ",000" -> "12,000", "24" "-го" -> "24-го", "David" "'s")."""
        out = ""
        for w in self.words:
            word = w.text.strip()
            if word:
                glued = out and not w.text[:1].isspace() and word[0] in _CONTINUES
                out += word if glued or not out else " " + word
        return out


def build_turns(words: Iterable[TimedWord], *, merge_gap_s: float = MERGE_GAP_S) -> list[Turn]:
    """Groups words by track and speech region, then joins neighbouring groups of the same track."""
    groups: dict[tuple[int, float], list[TimedWord]] = {}
    for w in words:
        groups.setdefault((w.track, w.piece.start_s), []).append(w)
    ordered = sorted((Turn(track, tuple(sorted(ws, key=lambda w: w.start_s))) for (track, _), ws in groups.items()),
                     key=lambda t: (t.start_s, t.track))
    turns: list[Turn] = []
    for turn in ordered:
        prev = turns[-1] if turns else None
        if prev is not None and prev.track == turn.track and turn.start_s - prev.end_s <= merge_gap_s:
            turns[-1] = Turn(prev.track, prev.words + turn.words)
        else:
            turns.append(turn)
    return turns
