"""An agreed next contact or action (rule 10), with its date and/or topic.

A next step is a promised contact ("созвонимся", "I'll call you"), a promised document
("пришлю КП"), a proposed time ("вам удобно в пятницу?") or a meeting invitation with a date.
The date is the one named closest to the promise; when the utterance names none, the other
side's short reply may ("Созвонимся?" - "Да, в понедельник в десять"). A step the other side
turns down right away ("ничего не назначайте"), or one with neither a date nor a topic
("я вам перезвоню"), is not an agreed step.
"""

from __future__ import annotations

import re
from typing import Iterator

from analyzer.types import Detection
from nlp.context import Context
from nlp.detectors._common import words_after
from nlp.lexicon import Match
from nlp.normalize.dates import DateValue, find_date_values
from nlp.registry import register

NAME = "next_step.v1"
REPLY_MAX_WORDS = 15  # a reply this short can only be about what was just proposed
SENT_MAX_WORDS = 5
INVITE_TOPIC_WORDS = 8
_BRING = re.compile(r"(?:привез|достав|bring|deliver|drop off)", re.IGNORECASE)
_SENT_SKIP = re.compile(r"^(?:(?:вам|вас|тебе|сегодня|завтра|сразу|тогда|еще|also|you|me|us|over|across|today|tomorrow|then|back)\s+)+")
_SENT_STOP = re.compile(r"[,.;:!?—–()]|\s(?:и|а|на|в|до|к|чтобы|когда|если|and|to|by|on|at|so|when|if|before|after|today|tomorrow)\s")
_CLAUSE_BREAK = re.compile(r"[,.;!?]|\s(?:и|а|но|потом|затем|and|but|then)\s", re.IGNORECASE)


def _dates(ctx: Context, index: int) -> list[DateValue]:
    text = ctx.transcript.utterances[index].text
    return [d for d in find_date_values(text, ctx.utt(index).language, ctx.transcript.started_at) if d.date]


def _reply(ctx: Context, index: int) -> int | None:
    """The next utterance, when the other side says it."""
    utts = ctx.transcript.utterances
    nxt = index + 1
    return nxt if nxt < len(utts) and utts[nxt].speaker != utts[index].speaker else None


def _same_sentence(text: str, a: int, b: int) -> bool:
    low, high = sorted((a, b))
    return not any(mark in text[low:high] for mark in ".!?;")


def _anchor(ctx: Context, index: int, matches: list[Match]) -> tuple[Match | None, list[DateValue]]:
    """The phrase that makes this utterance a next step, if any (a contact beats a document), and its dates."""
    by_label = {label: [m for m in matches if m.label == label] for label in ("call", "send", "when")}
    if by_label["call"] or by_label["send"]:
        return (by_label["call"] or by_label["send"])[0], _dates(ctx, index)
    invites = [m for m in ctx.find(index, "meeting") if m.label == "invite"]
    if not (by_label["when"] or invites):
        return None, []
    dates = _dates(ctx, index)  # parsed only here: most utterances are no candidate at all
    text = ctx.transcript.utterances[index].text
    timed = [m for m in by_label["when"] + invites if any(_same_sentence(text, m.start, d.char_start) for d in dates)]
    return (timed[0] if timed else None), dates


def _closest(text: str, dates: list[DateValue], anchor: Match) -> DateValue | None:
    """The date said with the promise: fewest clause breaks between them, then the nearest."""
    def cost(d: DateValue) -> tuple[int, int]:
        low, high = sorted((d.char_start, anchor.start))
        return len(_CLAUSE_BREAK.findall(text, low, high)), abs(d.char_start - anchor.start)

    return min(dates, key=cost, default=None)


def _topic(text: str, matches: list[Match], anchor: Match) -> str | None:
    """What the step is about: for a promise to send or bring, its object ("пришлю вам |программу|");
    else a topic phrase or purpose near the promise ("обсудим предложение", "to make sure it works")."""
    span: tuple[int, int] | None = None
    if anchor.label == "send" or _BRING.match(text, anchor.start):
        span = words_after(text, anchor.end, skip=_SENT_SKIP, stop=_SENT_STOP, max_words=SENT_MAX_WORDS)
    topics = [m for m in matches if m.label == "topic"]
    if (span is None or span[1] - span[0] <= 2) and topics:
        best = min(topics, key=lambda m: abs(m.start - anchor.start))
        span = (best.start, best.end)
    topic = text[span[0]:span[1]].strip(" ,.—-") if span else ""
    return topic if len(topic) >= 2 and sum(ch.isalpha() for ch in topic) >= 2 else None  # "КП" is a topic


def _on_call_day(ctx: Context, date: DateValue) -> bool:
    return date.date == ctx.transcript.call_date


def _invite_topic(ctx: Context, index: int) -> str | None:
    """A meeting invitation in the step's utterance is its topic ("Предлагаю встретиться у вас на складе.
    Удобно в четверг?"): the invitation's clause, up to its first break."""
    invites = [m for m in ctx.find(index, "meeting") if m.label == "invite"]
    if not invites:
        return None
    text = ctx.transcript.utterances[index].text
    stop = re.compile(r"[,.;:!?—–(]").search(text, invites[0].end)
    end = stop.start() if stop else len(text)
    words = text[invites[0].start:end].split()[:INVITE_TOPIC_WORDS]
    return " ".join(words) or None


def _proposed_topic(ctx: Context, index: int) -> str | None:
    """The topic of the proposal this utterance answers ("Приглашаю вас ..., сделаем 3D-проект" - "Приедем в субботу")."""
    utts = ctx.transcript.utterances
    if index == 0 or utts[index - 1].speaker == utts[index].speaker:
        return None
    topics = [m for m in ctx.find(index - 1, "next_step") if m.label == "topic"]
    return utts[index - 1].text[topics[-1].start:topics[-1].end].strip(" ,.—-") if topics else None


@register(NAME, order=40)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    for index, utt in enumerate(ctx.transcript.utterances):
        matches = ctx.find(index, "next_step")
        anchor, dates = _anchor(ctx, index, matches)
        if anchor is None:
            continue
        reply = _reply(ctx, index)
        if reply is not None and (any(m.label == "declined" for m in ctx.find(reply, "next_step"))
                                  or ctx.find(reply, "rudeness")):
            continue  # turned down, or answered with rudeness ("Мне ваш прайс нах*р не нужен. Отвалите.")
        short_reply = reply is not None and len(ctx.transcript.utterances[reply].text.split()) <= REPLY_MAX_WORDS
        date = _closest(utt.text, dates, anchor) or (
            _closest(ctx.transcript.utterances[reply].text, _dates(ctx, reply), anchor) if short_reply else None)
        if date is not None and anchor.label == "send" and _on_call_day(ctx, date):
            date = None  # "отправлю сегодня": the document follows the call; no next contact is dated
        topic = _topic(utt.text, matches, anchor) or _invite_topic(ctx, index) or _proposed_topic(ctx, index)
        if date is None and topic is None:
            continue  # "я перезвоню" with no when and no what is no agreed step
        attributes = {
            "date": date.date.isoformat() if date else None,
            "topic": topic,
            "action": anchor.label if anchor.label in ("call", "send") else "call",
        }
        yield Detection("next_step", utt.speaker, ctx.evidence(index, anchor.start, anchor.end), NAME,
                        anchor.score, attributes)
