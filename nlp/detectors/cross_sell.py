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
from nlp.lexicon.matcher import Match
from nlp.detectors._common import client_reaction, words_after
from nlp.registry import register

NAME = "cross_sell.v1"
_PHRASE_END = re.compile(r"[,.;:!?—–()]|\s(?:если|чтобы|это|для|которы\w+|тоже|также|раз|потому|поскольку|так как|ведь|so|if|that|which|for|to help|because|since|given|too|as well|also)\b|\s(?:в|во|на|into|in the|to the|to your)\s")
_LEADING = re.compile(r"^(?:(?:вам|вас|вы|тоже|также|еще|сразу|заодно|дополнительно|взять|добавить|подключить|есть|к нему|к ней|"
                      r"you|also|to|add|adding|a|an|the|our|some|get|consider|considering|in|on)\s+)+")
_MAX_WORDS = 6
_CONTENT = re.compile(r"[^\W\d_]{4,}")
# Words that say nothing about what is offered ("наш модуль", "our service").
_GENERIC = {"наш", "ваш", "модуль", "сервис", "услуга", "продукт", "вариант", "опция", "короткий", "хороший",
            "нужный", "нужно", "очень", "сейчас", "можно", "хотеть", "сказать", "делать", "будет", "который",
            "your", "ours", "service", "product", "option", "module", "package", "need", "want", "really", "would",
            "could", "should", "about", "there", "their", "which"}
ASKED_SHARE = 0.5
ECHO_MIN_LETTERS, ECHO_MIN_WORDS = 5, 2


def _offered_phrase(text: str, start: int, offer_start: int) -> tuple[int, int] | None:
    """The span of the few words after an offer phrase: what is being offered.

    When the offer phrase closes its clause ("...fiber plan would be perfect for you:"), the
    offered thing is said before it instead.
    """
    rest = text[start:]
    if not rest.strip() or rest.lstrip()[0] in ",.;:!?—–":
        clause = max(text.rfind(p, 0, offer_start) for p in ".!?:;,") + 1
        words = text[clause:offer_start].split()[-_MAX_WORDS:]
        if not words:
            return None
        begin = text.index(words[0], clause)
        return begin, begin + len(" ".join(words)) if text[begin:].startswith(" ".join(words)) else offer_start
    return words_after(text, start, skip=_LEADING, stop=_PHRASE_END, max_words=_MAX_WORDS)


def _content_lemmas(ctx: Context, index: int, start: int, end: int) -> set[str]:
    return {t.lemma for t in ctx.utt(index).tokens
            if t.start >= start and t.end <= end and _CONTENT.fullmatch(t.text) and t.lemma not in _GENERIC}


def _asked_by_client(ctx: Context, before: int, lemmas: set[str]) -> bool:
    """Whether the client brought the offered thing up first: more than half its content words said before."""
    if not lemmas:
        return False
    said = {t.lemma for i in ctx.speaker_indices("client") if i < before for t in ctx.utt(i).tokens}
    return len(lemmas & said) / len(lemmas) > ASKED_SHARE


def _echoes_client(ctx: Context, index: int, phrase: tuple[int, int]) -> bool:
    """The offer repeats the client's own words about their situation ("with video calls all day")."""
    outside = {t.lemma for t in ctx.utt(index).tokens
               if not phrase[0] <= t.start < phrase[1] and len(t.text) >= ECHO_MIN_LETTERS and t.text.isalpha()
               and t.lemma not in _GENERIC}
    return any(len(outside & {t.lemma for t in ctx.utt(i).tokens}) >= ECHO_MIN_WORDS
               for i in ctx.speaker_indices("client") if i < index)


def _justified(ctx: Context, earlier: tuple[Detection, ...], catalogue: Catalogue, index: int, product: str | None,
               phrase: tuple[int, int]) -> bool:
    if any(m.label == "justified" for m in ctx.find(index, "cross_sell")) or _echoes_client(ctx, index, phrase):
        return True
    if product is None:
        return False
    stated = {d.evidence.utterance for d in earlier if d.type == "bant.answer" and d.get("topic") == "need"}
    stated.update(i for i in ctx.speaker_indices("client") if i < index)
    return any(catalogue.serves_need(product, ctx.utt(i)) for i in stated if i < index)


def _offer(ctx: Context, index: int, catalogue: Catalogue) -> tuple[list[Match], tuple[int, int], str | None] | None:
    """The extra offered in manager utterance ``index``: (offer matches, product phrase span, catalogue id),
    or None when the utterance offers nothing beyond what the client asked for."""
    matches = ctx.find(index, "cross_sell")
    offers = [m for m in matches if m.label in ("offer", "offer_extra")]
    if not offers:
        return None
    text = ctx.transcript.utterances[index].text
    phrase = _offered_phrase(text, offers[0].end, offers[0].start)
    asr = ctx.transcript.asr is not None
    mentioned = [p for p in catalogue.mentions(ctx.utt(index), fuzzy=asr) if p[1] >= offers[0].start]
    if phrase is None or not (mentioned or any(m.label in ("extra", "offer_extra") for m in matches)):
        return None
    if mentioned and not phrase[0] <= mentioned[0][1] < phrase[1]:
        phrase = (mentioned[0][1], max(mentioned[0][2], phrase[1]) if mentioned[0][1] < phrase[1] else mentioned[0][2])
    if _asked_by_client(ctx, index, _content_lemmas(ctx, index, *phrase)):
        return None
    return offers, phrase, mentioned[0][0] if mentioned else None


def offers_extra(ctx: Context, index: int) -> bool:
    """Whether manager utterance ``index`` offers an extra (a cross-sell): the client's "не надо" in
    reply declines that offer, it does not withdraw the need they came with (used by BANT)."""
    clients = ctx.speaker_indices("client")
    if ctx.transcript.utterances[index].speaker != "manager" or not clients or index < clients[0]:
        return False
    return _offer(ctx, index, load_catalogue(ctx.settings)) is not None


@register(NAME, order=40)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    catalogue = load_catalogue(ctx.settings)
    clients = ctx.speaker_indices("client")
    first_client = clients[0] if clients else len(ctx.transcript.utterances)
    for index in ctx.speaker_indices("manager"):
        if index < first_client:
            continue  # nothing asked yet: the opening pitch is not a cross-sell
        found = _offer(ctx, index, catalogue)
        if found is None:
            continue
        offers, phrase, product_id = found
        text = ctx.transcript.utterances[index].text
        attributes = {
            "product": text[phrase[0]:phrase[1]],
            "product_id": product_id,
            "justified": _justified(ctx, earlier, catalogue, index, product_id, phrase),
            "reaction": client_reaction(ctx, index),
        }
        span = (min(offers[0].start, phrase[0]), max(offers[0].end, phrase[1]))
        yield Detection("cross_sell", "manager", ctx.evidence(index, *span), NAME,
                        offers[0].score, attributes)
