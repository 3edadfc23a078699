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
from nlp.normalize.dates import DateValue, anchor_date, find_date_values, main_date
from nlp.normalize.money import find_money

Read = tuple[dict[str, Any], int, int]
ROLE_PREFIX = "role."
_SELF_WORDS = re.compile(r"(?<!\w)(?:я|сам|сама|мне|мной|i|i'm|me|myself|mine)(?!\w)")
_SELF_ROLE = re.compile(r"(?<!\w)(?:я|i|i'?m|i am)\s+(?:\w+\s+){0,2}?$")
_SENTENCE = re.compile(r"[^.!?;]+[.!?;]?")
SHORT_REPLY_WORDS = 6  # a reply this short may answer "who decides?" with a bare pronoun
SUMMARY_WORDS = 14  # a need summary: the client's words, cut to a short phrase


def labels(matches: list[Match]) -> dict[str, Match]:
    """The first match per label."""
    out: dict[str, Match] = {}
    for m in matches:
        out.setdefault(m.label or m.group, m)
    return out


def budget(ctx: Context, index: int, found: dict[str, Match], asked: bool) -> Read | None:
    """The sum named, else "нет бюджета". Only while budgets are discussed (``asked``) does a bare figure
    count: a Russian "двести" as thousands, an English "400 a month" as it is."""
    text = ctx.transcript.utterances[index].text
    language = ctx.utt(index).language
    sums = find_money(text, language, bare_thousands=asked)
    stated = [m for m in sums if not _in_question(text, m.char_end)]  # "сорок пять в месяц? Нет, ..." echoes
    money = (stated or sums or [None])[0]
    if money is not None:
        value = money.as_value()
        restated = _restatement(stated, value)
        if restated is not None:
            return restated
        return value, money.char_start, money.char_end
    if "none" in found:
        m = found["none"]
        return {"none": True, "amount": None, "currency": None, "period": None, "min": None, "max": None}, m.start, m.end
    return None


_PER_YEAR = {"month": 12, "year": 1}


def _restatement(sums: list, first: dict[str, Any]) -> Read | None:
    """The last sum when it restates the first one per another period ("400 quid a month, so 4,800 a
    year"): the client's last statement of the fact wins (CONTRACTS.md). A restatement without a
    currency word is already in the first sum's currency (``find_money`` carries it)."""
    if len(sums) < 2 or first.get("amount") is None or first.get("period") not in _PER_YEAR:
        return None
    last = sums[-1].as_value()
    if last.get("amount") is None or last.get("period") not in _PER_YEAR or last["period"] == first["period"]:
        return None
    yearly = first["amount"] * _PER_YEAR[first["period"]]
    if abs(last["amount"] * _PER_YEAR[last["period"]] - yearly) > 0.05 * yearly:
        return None
    return last, sums[-1].char_start, sums[-1].char_end


def role(ctx: Context, index: int, matches: list[Match], near: int | None = None) -> str | None:
    """The role named in the utterance, the one closest to ``near`` (a decision statement) first."""
    roles = [m for m in matches if m.group.startswith(ROLE_PREFIX)]
    if not roles:
        return None
    if near is not None:
        roles.sort(key=lambda m: abs(m.start - near))
    return roles[0].label


def authority(ctx: Context, index: int, found: dict[str, Match], matches: list[Match], asked: bool) -> Read | None:
    """self / other / joint and the role; a bare answer to "who decides?" ("я", "директор") counts too.

    A decision statement ("решает директор", "решаю я") outweighs a self-introduction ("я директор по
    логистике, но подписывает финдир" -> other); one's own decision outweighs others who only check.
    """
    norm = ctx.utt(index).norm
    if "joint" in found:
        decision, m = "joint", found["joint"]
    elif "self" in found:  # "I decide, our CFO just checks the paperwork"
        decision, m = "self", found["self"]
    elif "other" in found:
        decision, m = "other", found["other"]
    elif "self_role" in found:
        decision, m = "self", found["self_role"]
    elif asked:
        roles = [x for x in matches if x.group.startswith(ROLE_PREFIX)]
        if roles:
            first = roles[0]
            decision = "self" if _SELF_ROLE.search(norm[:first.start]) else "other"
            return {"decision_maker": decision, "role": first.label}, first.start, first.end
        words = norm.split()
        if _SELF_WORDS.search(" ".join(words if len(words) <= SHORT_REPLY_WORDS else words[:3])) is None:
            return None  # "Me." / "That would be me" / "Я сам, ...": a short reply, not any "I" in a long one
        return {"decision_maker": "self", "role": None}, 0, len(norm)
    else:
        return None
    roles = [x for x in matches if x.group.startswith(ROLE_PREFIX)]
    if decision == "self":
        mine = [x for x in roles if _SELF_ROLE.search(norm[:x.start])]
        named = mine[0].label if mine else None
    else:
        inside = [x for x in roles if m.start <= x.start < m.end]
        named = (inside or sorted(roles, key=lambda x: abs(x.start - m.start)) or [None])[0]
        named = named.label if named else None
    return {"decision_maker": decision, "role": named}, m.start, m.end


def timeline(ctx: Context, index: int, asked: bool, matches: list[Match]) -> Read | None:
    """The date named; unasked, it must share a clause with a timeline cue ("хотим запуститься к ...")
    and none about a meeting, and be a period or deadline, not a weekday (those are meetings)."""
    values = _stated_dates(ctx, index, matches)
    if not asked:
        values = [v for v in values if not v.vague and near_label(ctx, index, matches, "timeline", v.char_start)
                  and not near_label(ctx, index, matches, "scheduling", v.char_start)]
    found = main_date(values, anchor_date(ctx.transcript.started_at))
    if found is None:
        return None
    return found.as_value(), found.char_start, found.char_end


def _stated_dates(ctx: Context, index: int, matches: list[Match]) -> list[DateValue]:
    """The dates named, without those the client only echoes back as a question ("На следующей неделе?")
    and those in a sentence about the past ("I said the same thing in October")."""
    text, anchor = ctx.transcript.utterances[index].text, ctx.transcript.started_at
    values = find_date_values(text, ctx.utt(index).language, anchor)
    stated = [v for v in values if not _in_question(text, v.char_end)] or values
    return [v for v in stated
            if v.urgent or not near_label(ctx, index, matches, "past", v.char_start, bounds=r"[.;!?]")]


def _in_question(text: str, end: int) -> bool:
    tail = re.search(r"[.!?]", text[end:])
    return tail is not None and text[end + tail.start()] == "?"


def near_label(ctx: Context, index: int, matches: list[Match], label: str, at: int, *,
               bounds: str = r"[,.;!?]") -> bool:
    """Whether a match labelled ``label`` sits in the same clause (or, with ``bounds``, unit) as ``at``."""
    text = ctx.transcript.utterances[index].text
    return any(m.label == label and _same_unit(text, m.start, at, bounds) for m in matches)


def _same_unit(text: str, a: int, b: int, bounds: str) -> bool:
    low, high = min(a, b), max(a, b)
    return not re.search(bounds, text[low:high])


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
