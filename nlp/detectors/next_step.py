"""An agreed next contact or action (rule 10), with its date and topic when they are said.

The date and topic may sit in the utterance itself or right next to it ("Созвонимся?" -
"Да, в понедельник в десять"), so the neighbouring utterances are read too.
"""

from __future__ import annotations

from typing import Iterator

from analyzer.types import Detection
from nlp.context import Context
from nlp.registry import register

NAME = "next_step.v1"
NEIGHBOURS = 1  # utterances on each side that may carry the date or the topic


def _topic(ctx: Context, index: int) -> str | None:
    for m in ctx.find(index, "next_step"):
        if m.label == "topic":
            return ctx.transcript.utterances[index].text[m.start:m.end].strip(" ,.—-")
    return None


def _date(ctx: Context, index: int) -> str | None:
    """The ISO date named in utterance ``index``, resolved against the call's start."""
    try:
        from nlp.normalize.dates import find_dates
    except ImportError:  # the date normaliser is optional for this detector: no date then
        return None
    anchor = ctx.transcript.started_at
    for found in find_dates(ctx.transcript.utterances[index].text, language=ctx.utt(index).language, anchor=anchor):
        return found.isoformat()
    return None


def _nearby(ctx: Context, index: int, read) -> str | None:
    order = [index] + [i for d in range(1, NEIGHBOURS + 1) for i in (index + d, index - d)]
    for i in order:
        if 0 <= i < len(ctx.transcript.utterances):
            value = read(ctx, i)
            if value:
                return value
    return None


@register(NAME, order=40)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    for index, utt in enumerate(ctx.transcript.utterances):
        contact = [m for m in ctx.find(index, "next_step") if m.label == "contact"]
        if not contact:
            continue
        attributes = {"date": _nearby(ctx, index, _date), "topic": _nearby(ctx, index, _topic)}
        yield Detection("next_step", utt.speaker, ctx.evidence(index, contact[0].start, contact[0].end), NAME,
                        contact[0].score, attributes)
