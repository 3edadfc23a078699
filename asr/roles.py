"""Roles on a mono recording: which diarized voice is the manager.

The manager greets with the company and their name, asks qualifying questions and proposes the next
step; the client asks about price and states needs. The cues are data (``asr/data/role_cues.yaml``);
this module scores each voice and says how sure it is.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

from pydantic import Field

from analyzer.datafile import StrictModel, load_yaml_model
from asr.cleanup import norm
from asr.turns import Turn

DATA = Path(__file__).resolve().parent / "data" / "role_cues.yaml"
# A score margin of this many cue weights gives ~76 % confidence (tanh(1)).
_MARGIN_SCALE = 3.0


class CueGroup(StrictModel):
    weight: float = Field(gt=0)
    cues: list[str] = Field(min_length=1)


class LanguageCues(StrictModel):
    greeting: CueGroup
    qualifying: CueGroup
    client: CueGroup


class RoleCues(StrictModel):
    first_speaker: float = 1.0
    question: float = 0.3
    greeting_turns: int = Field(default=2, ge=1)
    languages: dict[str, LanguageCues]


@lru_cache(maxsize=4)
def load_cues(path: Path = DATA) -> RoleCues:
    return load_yaml_model(path, RoleCues)


def _count(group: CueGroup, text: str) -> float:
    return group.weight * sum(len(re.findall(rf"\b{re.escape(norm(cue))}", text)) for cue in group.cues)


def role_scores(turns: Sequence[Turn], language: str, cues: RoleCues | None = None) -> dict[int, float]:
    """How manager-like each track's speech is (higher = more likely the manager)."""
    cues = cues or load_cues()
    lang = cues.languages.get(language) or cues.languages["en" if language != "ru" else "ru"]
    scores: dict[int, float] = {}
    seen: dict[int, int] = {}
    for i, turn in enumerate(turns):
        text = norm(turn.text)
        score = _count(lang.qualifying, text) - _count(lang.client, text) + cues.question * turn.text.count("?")
        if seen.get(turn.track, 0) < cues.greeting_turns:
            score += _count(lang.greeting, text)
        if i == 0:
            score += cues.first_speaker
        seen[turn.track] = seen.get(turn.track, 0) + 1
        scores[turn.track] = scores.get(turn.track, 0.0) + score
    return scores


def assign_roles(turns: Sequence[Turn], language: str, *, mode: str = "auto") -> tuple[Mapping[int, str], float]:
    """Track -> role for a diarized mono call, and the confidence of that assignment (0.5 = a guess).

    The two voices with the most speech are manager and client; any further voice stays ``unknown``.
    ``mode`` ``first_manager``/``first_client`` overrides the cues: the first voice heard is that role.
    """
    talk: dict[int, float] = {}
    for t in turns:
        talk[t.track] = talk.get(t.track, 0.0) + t.end_s - t.start_s
    main = sorted(talk, key=talk.get, reverse=True)[:2]
    if len(main) < 2:
        return {t: "unknown" for t in talk}, 0.0
    roles = {t: "unknown" for t in talk}
    if mode in ("first_manager", "first_client"):
        first = next(t.track for t in turns if t.track in main)
        other = main[1] if first == main[0] else main[0]
        roles[first], roles[other] = ("manager", "client") if mode == "first_manager" else ("client", "manager")
        return roles, 1.0
    scores = role_scores(turns, language)
    a, b = sorted(main, key=lambda t: scores.get(t, 0.0), reverse=True)
    roles[a], roles[b] = "manager", "client"
    margin = scores.get(a, 0.0) - scores.get(b, 0.0)
    return roles, 0.5 + 0.5 * math.tanh(margin / _MARGIN_SCALE)
