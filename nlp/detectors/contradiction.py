"""Contradictions: a client fact that conflicts with what the client said earlier in the call.

Reads the client's ``bant.answer`` values in order and compares each with the earlier ones on the same
topic through ``nlp.facts.conflicts`` (the same comparison the lead merge uses across calls). One
detection per later statement, pointing at the earliest statement it contradicts. Refusals and bare
urgency carry no comparable fact; two statements in one utterance are a self-correction, not a conflict.
"""

from __future__ import annotations

from typing import Iterator

from analyzer.types import Detection
from nlp.context import Context
from nlp.facts import conflicts
from nlp.normalize.money import find_money
from nlp.registry import register

NAME = "contradiction.v1"


def _comparable(d: Detection) -> bool:
    value = d.get("value")
    return (d.type == "bant.answer" and d.speaker == "client" and isinstance(value, dict)
            and not value.get("refused") and d.get("topic") in ("budget", "authority", "timeline", "need"))


def _conflict(ctx: Context, topic: str, before: Detection, later: Detection) -> bool:
    """``conflicts`` on the two values; a budget agreeing with ANY sum the earlier utterance named is a
    restatement ("полтора миллиона на всё, из них на печать двести" ... "бюджет 200 тыс на печать")."""
    if not conflicts(topic, before.get("value"), later.get("value")):
        return False
    if topic != "budget" or before.get("value", {}).get("none"):
        return True
    index = before.evidence.utterance
    sums = find_money(ctx.transcript.utterances[index].text, ctx.utt(index).language)
    return all(conflicts(topic, s.as_value(), later.get("value")) for s in sums)


@register(NAME, order=20)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    answers = sorted((d for d in earlier if _comparable(d)), key=lambda d: (d.evidence.utterance, d.evidence.char_start))
    for k, later in enumerate(answers):
        topic = later.get("topic")
        for before in answers[:k]:
            if before.get("topic") != topic or before.evidence.utterance == later.evidence.utterance:
                continue
            if _conflict(ctx, topic, before, later):
                yield Detection("contradiction", "client", later.evidence, NAME, min(before.score, later.score),
                                {"topic": topic, "earlier": before.evidence, "later": later.evidence})
                break
