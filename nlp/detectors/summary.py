"""The manager recaps what was agreed near the end of the call.

Two ways to tell: the recap's words ("итак, подытожим", "so, to recap"), or its content: a late
manager turn that repeats at least two facts the client gave (their figures, budget, deadline).
The content test survives speech recognition, which mangles the cue words far more often than the
numbers ("Тогда под обложки: 15 продавцов ... к концу квартала").
"""

from __future__ import annotations

from datetime import date
from typing import Iterator

from analyzer.types import Detection
from nlp.context import Context
from nlp.detectors._common import phrase_detections
from nlp.detectors.bant import value_of
from nlp.normalize.dates import find_date_values
from nlp.normalize.money import find_money
from nlp.normalize.numbers import find_numbers
from nlp.registry import register

NAME = "summary.v1"
# A recap closes a call: one in the first half is a mid-call check ("давайте я резюмирую, что понял").
FROM_SHARE = 0.5
RESTATED_FACTS = 2  # client facts a turn must repeat to be a recap by content
FACT_MIN = 13  # smaller numbers are hours and counts of anything ("в два", "в 11"), too common to be facts
RECAP_MIN_WORDS = 8
CONTENT_SCORE = 0.7  # weaker than the cue words

Fact = float | date


def _mentions(ctx: Context, index: int) -> list[set[Fact]]:
    """The figures (>= FACT_MIN), sums and dates named in utterance ``index``, one set of values per
    mention ("тысяч двести пятьдесят" is one mention whether read as a number or as a sum)."""
    utt, lang = ctx.transcript.utterances[index].text, ctx.utt(index).language
    spans: list[tuple[int, int, set[Fact]]] = [(n.start, n.end, {n.value}) for n in find_numbers(utt, lang)
                                               if n.value >= FACT_MIN]
    spans += [(m.char_start, m.char_end, {v for v in (m.amount, m.min, m.max) if v})
              for m in find_money(utt, lang, bare_thousands=True)]
    spans += [(v.char_start, v.char_end, {v.date}) for v in find_date_values(utt, lang, ctx.transcript.started_at)
              if v.date]
    merged: list[tuple[int, int, set[Fact]]] = []
    for start, end, values in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), merged[-1][2] | values)
        else:
            merged.append((start, end, set(values)))
    return [values for _, _, values in merged]


def _answer_facts(earlier: tuple[Detection, ...]) -> dict[int, set[Fact]]:
    """The client's BANT values (sums, deadline) by the utterance that gave them."""
    out: dict[int, set[Fact]] = {}
    for d in earlier:
        if d.type == "bant.answer":
            value = value_of(d)
            facts = out.setdefault(d.evidence.utterance, set())
            facts |= {float(value[k]) for k in ("amount", "min", "max") if value.get(k)}
            if value.get("date"):
                facts.add(date.fromisoformat(value["date"]))
    return out


def _content_recaps(ctx: Context, earlier: tuple[Detection, ...], first: int) -> Iterator[Detection]:
    """Late manager turns that repeat two facts the client stated before them (one pass over the call)."""
    answers = _answer_facts(earlier)
    facts: set[Fact] = set()  # what the client stated so far: their figures and their BANT values
    for index, utt in enumerate(ctx.transcript.utterances):
        if utt.speaker == "manager" and index >= first and len(utt.text.split()) >= RECAP_MIN_WORDS and facts:
            restated = [values & facts for values in _mentions(ctx, index) if values & facts]
            if len({min(values, key=str) for values in restated}) >= RESTATED_FACTS:
                yield Detection("summary", "manager", ctx.evidence(index), NAME, CONTENT_SCORE, {})
        if utt.speaker == "client":
            facts |= {f for values in _mentions(ctx, index) for f in values if not isinstance(f, date)}
        facts |= answers.get(index, set())


@register(NAME, order=40)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    first = int(len(ctx.transcript.utterances) * FROM_SHARE)
    found = [d for d in phrase_detections(ctx, file="summary", label="recap", type="summary", detector=NAME,
                                          speakers=("manager",)) if d.evidence.utterance >= first]
    cued = {d.evidence.utterance for d in found}
    found += [d for d in _content_recaps(ctx, earlier, first) if d.evidence.utterance not in cued]
    return iter(sorted(found, key=lambda d: d.evidence.utterance))
