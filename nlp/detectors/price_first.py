"""Price-first: the client asks the price before the manager has asked about their need.

Sales rules 6-7: a manager should not answer with a bare price but build value first (say what the
price depends on, ask qualifying questions, offer a demo). The manager's reply is classified as
``named_price`` (an amount comes before any value-building), ``built_value`` or ``ignored``.
"""

from __future__ import annotations

from typing import Iterator

from analyzer.types import Detection, Evidence
from nlp.context import Context, sentences_outside
from nlp.dialogue import reply_turn, turn_number
from nlp.metrics import count_questions
from nlp.registry import register

NAME = "price_first.v1"


def _need_discussed_before(earlier: tuple[Detection, ...], index: int) -> bool:
    """A need question by the manager, or a need stated by the client, before utterance ``index``."""
    return any(
        d.type in ("bant.question", "bant.answer") and d.get("topic") == "need" and d.evidence.utterance < index
        for d in earlier
    )


def _question_span(text: str) -> tuple[int, int]:
    """The first question sentence of a text (the whole text when it has no question mark)."""
    mark = text.find("?")
    if mark < 0:
        return 0, len(text)
    start = max(text.rfind(p, 0, mark) for p in ".!?…") + 1
    return start + len(text[start:mark]) - len(text[start:mark].lstrip()), mark + 1


def _asks_qualifying(ctx: Context, index: int) -> bool:
    """A question in the utterance that is not call control (contacts, hearing, "how did you find us")."""
    text, asr = ctx.transcript.utterances[index].text, ctx.transcript.asr is not None
    control = [(m.start, m.end) for m in ctx.find(index, "call_control")]
    return any(count_questions(text[s:e], asr=asr) for s, e in sentences_outside(text, control))


def classify_response(ctx: Context, earlier: tuple[Detection, ...], question: int) -> tuple[str, Evidence | None]:
    """How the manager answered the price question at utterance ``question``, with the evidence."""
    turn = reply_turn(ctx.transcript, question, "manager")
    if not turn:
        return "ignored", None
    asked = {d.evidence.utterance for d in earlier if d.type == "bant.question"}
    first_amount: tuple[int, int, int] | None = None  # (utterance, start, end)
    first_value: tuple[int, int, int] | None = None
    for index in turn:
        matches = ctx.find(index, "price") + ctx.find(index, "meeting")
        for m in matches:
            span = (index, m.start, m.end)
            if m.label == "amount" and first_amount is None:
                first_amount = span
            elif m.label in ("built_value", "invite") and first_value is None:
                first_value = span
        qualifying = _asks_qualifying(ctx, index)
        if first_value is None and (index in asked or qualifying):
            first_value = (index, *_question_span(ctx.transcript.utterances[index].text))
    if first_amount is not None and (first_value is None or first_amount < first_value):
        return "named_price", ctx.evidence(*first_amount)
    if first_value is not None:
        return "built_value", ctx.evidence(*first_value)
    return "ignored", ctx.evidence(turn[0])


@register(NAME, order=30)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    limit = ctx.settings.price_first_max_client_turns
    for index in ctx.speaker_indices("client"):
        if turn_number(ctx.transcript, index) > limit or _need_discussed_before(earlier, index):
            return
        asked = [m for m in ctx.find(index, "price") if m.label == "question"]
        if not asked:
            continue
        response, evidence = classify_response(ctx, earlier, index)
        yield Detection("price_first", "client", ctx.evidence(index, asked[0].start, asked[0].end), NAME,
                        asked[0].score, {"manager_response": response, "response": evidence})
        return
