"""Reading BANT values out of one client utterance: budget, authority, timeline, need.

Each reader returns ``(value dict, char_start, char_end)`` or None. Figures come from the normalisers
(``nlp.normalize``), the surrounding statements from the ``bant_answers`` lexicon of the utterance's
language.
"""

from __future__ import annotations

import re
from typing import Any

from nlp.context import Context
from nlp.lexicon import Match
from nlp.normalize.dates import parse_date
from nlp.normalize.money import parse_money

Read = tuple[dict[str, Any], int, int]
ROLE_PREFIX = "role."
_SELF_WORDS = re.compile(r"(?<!\w)(?:я|сам|сама|мне|мной|i|i'm|me|myself|mine)(?!\w)")
_SELF_ROLE = re.compile(r"(?<!\w)(?:я|i'?m|i am)\s+(?:\w+\s+){0,2}?$")
_SENTENCE = re.compile(r"[^.!?;]+[.!?;]?")
SUMMARY_WORDS = 14  # a need summary: the client's words, cut to a short phrase


def labels(matches: list[Match]) -> dict[str, Match]:
    """The first match per label."""
    out: dict[str, Match] = {}
    for m in matches:
        out.setdefault(m.label or m.group, m)
    return out


def budget(ctx: Context, index: int, found: dict[str, Match]) -> Read | None:
    text = ctx.transcript.utterances[index].text
    money = parse_money(text, ctx.utt(index).language)
    if money is not None:
        return money.as_value(), money.char_start, money.char_end
    if "none" in found:
        m = found["none"]
        return {"none": True, "amount": None, "currency": None, "period": None, "min": None, "max": None}, m.start, m.end
    return None


def role(ctx: Context, index: int, matches: list[Match], near: int | None = None) -> str | None:
    """The role named in the utterance, the one closest to ``near`` (a decision statement) first."""
    roles = [m for m in matches if m.group.startswith(ROLE_PREFIX)]
    if not roles:
        return None
    if near is not None:
        roles.sort(key=lambda m: abs(m.start - near))
    return roles[0].label


def authority(ctx: Context, index: int, found: dict[str, Match], matches: list[Match], asked: bool) -> Read | None:
    """self / other / joint and the role; a bare answer to "who decides?" ("я", "директор") counts too."""
    norm = ctx.utt(index).norm
    kinds = [k for k in ("joint", "other", "self") if k in found]
    if "joint" in kinds or ("self" in kinds and "other" in kinds):
        m = found.get("joint") or found["self"]
        decision = "joint"
    elif kinds:
        decision, m = kinds[0], found[kinds[0]]
    elif asked:
        roles = [x for x in matches if x.group.startswith(ROLE_PREFIX)]
        if roles:
            first = roles[0]
            decision = "self" if _SELF_ROLE.search(norm[:first.start]) else "other"
            return {"decision_maker": decision, "role": first.label}, first.start, first.end
        me = _SELF_WORDS.search(norm)
        if me is None:
            return None
        return {"decision_maker": "self", "role": None}, 0, len(norm)
    else:
        return None
    named = role(ctx, index, matches, m.start)
    if decision == "self":
        mine = [x for x in matches if x.group.startswith(ROLE_PREFIX) and _SELF_ROLE.search(norm[:x.start])]
        named = mine[0].label if mine else None
    return {"decision_maker": decision, "role": named}, m.start, m.end


def timeline(ctx: Context, index: int) -> Read | None:
    text = ctx.transcript.utterances[index].text
    found = parse_date(text, ctx.utt(index).language, ctx.transcript.started_at)
    if found is None:
        return None
    return found.as_value(), found.char_start, found.char_end


def need_summary(ctx: Context, index: int, start: int = 0) -> Read | None:
    """The sentence holding ``start``, cut to a short phrase in the client's words."""
    text = ctx.transcript.utterances[index].text
    for m in _SENTENCE.finditer(text):
        if m.end() > start:
            s, e = m.start(), m.end()
            while s < e and not text[s].isalnum():
                s += 1
            words = list(re.finditer(r"\S+", text[s:e]))
            if len(words) > SUMMARY_WORDS:
                e = s + words[SUMMARY_WORDS - 1].end()
            while e > s and not text[e - 1].isalnum():
                e -= 1
            if e - s < 3:
                return None
            return {"summary": text[s:e]}, s, e
    return None
