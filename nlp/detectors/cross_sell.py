"""Cross-sell (rule 8): the manager offers an extra product beyond what the client asked for.

An offer is a manager utterance with an offer phrase ("рекомендую", "we also offer") that names a
catalogue product, or that marks an addition ("ещё", "also") and names anything at all (the words
after the offer become the product). Products the client brought up first are what they asked
for, not a cross-sell. Justified: the offer is tied to a need the client stated. Reaction: the
client's next turn accepts, declines, or neither.
"""

from __future__ import annotations

import re
from typing import Iterator

from analyzer.types import Detection
from nlp.catalogue import Catalogue, load_catalogue
from nlp.context import Context
from nlp.dialogue import following_turns
from nlp.registry import register

NAME = "cross_sell.v1"
_PHRASE_END = re.compile(r"[,.;:!?—–()]|\s(?:если|чтобы|это|для|которы\w+|so|if|that|which|for|to help|because|since)\s")
_LEADING = re.compile(r"^(?:(?:вам|вас|вы|тоже|также|еще|сразу|заодно|дополнительно|взять|добавить|подключить|есть|к нему|к ней|"
                      r"you|also|to|add|adding|a|an|the|our|some|get|consider|considering|in|on)\s+)+")
_MAX_WORDS = 6
_CONTENT = re.compile(r"[^\W\d_]{4,}")


def _offered_phrase(text: str, start: int) -> tuple[int, int] | None:
    """The span of the few words after an offer phrase: what is being offered."""
    rest = text[start:]
    lead = len(rest) - len(rest.lstrip())
    lowered = rest[lead:].lower().replace("ё", "е")
    skip = _LEADING.match(lowered)
    begin = start + lead + (skip.end() if skip else 0)
    end_match = _PHRASE_END.search(text.lower(), begin)
    end = end_match.start() if end_match else len(text)
    words = text[begin:end].split()[:_MAX_WORDS]
    if not words:
        return None
    end = begin + len(" ".join(words)) if text[begin:].startswith(" ".join(words)) else end
    return begin, end


def _asked_by_client(ctx: Context, catalogue: Catalogue, before: int, product: str | None, phrase: str) -> bool:
    """Whether the client mentioned this product (or the phrase's content words) before utterance ``before``."""
    lemmas = set()
    if product is None:
        from nlp.language import process_text

        lemmas = {t.lemma for t in process_text(phrase, ctx.utt(before).language).tokens if _CONTENT.fullmatch(t.text)}
    for i in ctx.speaker_indices("client"):
        if i >= before:
            break
        utt = ctx.utt(i)
        if product is not None and any(pid == product for pid, *_ in catalogue.mentions(utt)):
            return True
        if lemmas and lemmas & {t.lemma for t in utt.tokens}:
            return True
    return False


def _justified(ctx: Context, earlier: tuple[Detection, ...], catalogue: Catalogue, index: int, product: str | None) -> bool:
    if any(m.label == "justified" for m in ctx.find(index, "cross_sell")):
        return True
    if product is None:
        return False
    stated = {d.evidence.utterance for d in earlier if d.type == "bant.answer" and d.get("topic") == "need"}
    stated.update(i for i in ctx.speaker_indices("client") if i < index)
    return any(catalogue.serves_need(product, ctx.utt(i)) for i in stated if i < index)


def _reaction(ctx: Context, index: int) -> str:
    turn = following_turns(ctx.transcript, index, "client", turns=1)
    labels = {m.label for i in turn for m in ctx.find(i, "cross_sell")}
    if "declined" in labels:
        return "declined"
    return "accepted" if "accepted" in labels else "none"


@register(NAME, order=40)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    catalogue = load_catalogue(ctx.settings)
    clients = ctx.speaker_indices("client")
    first_client = clients[0] if clients else len(ctx.transcript.utterances)
    for index in ctx.speaker_indices("manager"):
        if index < first_client:
            continue  # nothing asked yet: the opening pitch is not a cross-sell
        matches = ctx.find(index, "cross_sell")
        offers = [m for m in matches if m.label == "offer"]
        if not offers:
            continue
        text = ctx.transcript.utterances[index].text
        mentioned = [p for p in catalogue.mentions(ctx.utt(index)) if p[1] >= offers[0].start]
        if mentioned:
            product, start, end = mentioned[0]
            name, span = product, (min(offers[0].start, start), end)
        elif any(m.label == "extra" for m in matches):
            phrase = _offered_phrase(text, offers[0].end)
            if phrase is None:
                continue
            product, name, span = None, text[phrase[0]:phrase[1]], (offers[0].start, phrase[1])
        else:
            continue
        if _asked_by_client(ctx, catalogue, index, product, name):
            continue
        attributes = {
            "product": name,
            "justified": _justified(ctx, earlier, catalogue, index, product),
            "reaction": _reaction(ctx, index),
        }
        yield Detection("cross_sell", "manager", ctx.evidence(index, *span), NAME, offers[0].score, attributes)
