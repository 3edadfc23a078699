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
from nlp.context import Context, sentences
from nlp.lexicon.matcher import Match
from nlp.detectors._common import client_reaction, words_after
from nlp.registry import register

NAME = "cross_sell.v1"
_PHRASE_END = re.compile(r"[,.;:!?—–()]|\s(?:если|чтобы|это|для|которы\w+|тоже|также|раз|потому|поскольку|так как|ведь|so|if|that|which|for|to help|because|since|given|too|as well|also)\b|\s(?:в|во|на|into|in the|to the|to your)\s")
_LEADING = re.compile(r"^(?:(?:вам|вас|вы|тоже|также|еще|сразу|заодно|дополнительно|взять|добавить|подключить|есть|к нему|к ней|"
                      r"you|also|to|add|adding|a|an|the|our|some|get|consider|considering|in|on)\s+)+")
_CLAUSE_START = re.compile(r"\W*(?:если|чтобы|раз|потому|поскольку|так как|ведь|so|if|because|since|while)\b")
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
    if _CLAUSE_START.match(rest.lower()):
        # the verb closes the offer, its object came before ("можем сразу и от грызунов обработать, раз уж
        # приедем"): the offer's own words name the product
        return offer_start, start
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


def _requested(ctx: Context, index: int) -> set[str]:
    """Lemmas of client utterance ``index`` said in a request or a question ("хотим кофемашину", "do you
    also do windows?"). The client's story of their problem ("we meet clients in coffee shops") names
    what hurts, not what they ask for, so an offer built from its words is still an extra."""
    text = ctx.transcript.utterances[index].text
    asks = [m.start for m in ctx.find(index, "cross_sell") if m.label == "request"]
    spans = [(s, e) for s, e in (sentences(text) or [(0, len(text))])
             if "?" in text[s:e] or any(s <= a < e for a in asks)]
    return {t.lemma for t in ctx.utt(index).tokens if any(s <= t.start < e for s, e in spans)}


def _asked_by_client(ctx: Context, before: int, lemmas: set[str]) -> bool:
    """Whether the client asked for the offered thing first: more than half its content words said
    before in the client's requests and questions."""
    if not lemmas:
        return False
    said = set().union(*(_requested(ctx, i) for i in ctx.speaker_indices("client") if i < before))
    return len(lemmas & said) / len(lemmas) > ASKED_SHARE


_BACK_REFERENCE = re.compile(r"^\W*(?:и |and |so |а )?(?:это|этим|оно|он|она|that|this|it|which)\b", re.IGNORECASE)


_TOPIC_SHIFT = re.compile(r"^\W*(?:plus|by the way|oh,? and|also|and also|on another note|кстати|плюс|а ещ[её]|и ещ[её]|"
                          r"ещ[её]|кроме того|помимо этого|а также|и вот ещ[её])\b", re.IGNORECASE)


def _offer_window(ctx: Context, index: int, phrase: tuple[int, int]) -> tuple[int, int]:
    """The offer's sentence and the one before it: where a reason for this offer is given. A long pitch
    names other things too ("как раз для вас" about the main product, three sentences before the extra).
    The next sentence counts too when it speaks of the offer ("Это как раз закрывает вашу проблему")."""
    text = ctx.transcript.utterances[index].text
    spans = sentences(text) or [(0, len(text))]
    k = next((i for i, (s, e) in enumerate(spans) if s <= phrase[0] < e), len(spans) - 1)
    end = spans[k][1]
    if _TOPIC_SHIFT.match(text[spans[k][0]:end]):
        return spans[k][0], end  # "Plus we also sell...", "Кстати, ...": the sentence before was about something else
    if k + 1 < len(spans) and _BACK_REFERENCE.match(text[spans[k + 1][0]:spans[k + 1][1]]):
        end = spans[k + 1][1]
    return spans[max(0, k - 1)][0], end


def _echoes_client(ctx: Context, index: int, phrase: tuple[int, int], window: tuple[int, int]) -> bool:
    """The offer repeats the client's own words about their situation ("with video calls all day").

    Client words the manager already took up in an earlier turn ("бюджет на фуршет?") are the deal's
    topic, what the client asked for; repeating them again ties nothing new to the client's situation."""
    said_before: set[str] = set()
    client_words: set[str] = set()
    for i in range(index):
        lemmas = {t.lemma for t in ctx.utt(i).tokens}
        speaker = ctx.transcript.utterances[i].speaker
        if speaker == "client":
            client_words |= lemmas
        elif speaker == "manager":
            said_before |= lemmas & client_words
    outside = {t.lemma for t in ctx.utt(index).tokens
               if window[0] <= t.start < window[1] and not phrase[0] <= t.start < phrase[1]
               and len(t.text) >= ECHO_MIN_LETTERS and t.text.isalpha() and not t.like_num
               and t.lemma not in _GENERIC and t.lemma not in said_before}
    return any(len(outside & {t.lemma for t in ctx.utt(i).tokens}) >= ECHO_MIN_WORDS
               for i in ctx.speaker_indices("client") if i < index)


def _justified(ctx: Context, earlier: tuple[Detection, ...], catalogue: Catalogue, index: int, product: str | None,
               phrase: tuple[int, int]) -> bool:
    window = _offer_window(ctx, index, phrase)
    links = [m for m in ctx.find(index, "cross_sell") if m.label == "justified" and window[0] <= m.start < window[1]]
    if links or _echoes_client(ctx, index, phrase, window):
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
