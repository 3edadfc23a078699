"""The manager's greeting at the start of the call (rule 4): company, own name, offer of help."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from analyzer.types import Detection
from nlp.context import Context
from nlp.language import ProcessedUtterance, _morph
from nlp.registry import register

NAME = "greeting.v1"
WINDOW_S = 20.0  # rule 4: the greeting belongs to the first 20 seconds
_CAPITALISED = re.compile(r"[«\"]?[A-ZА-ЯЁ][\w&'-]+[»\"]?")
_SALUTATION = {"день", "утро", "вечер", "здравствуйте", "здравствуй", "привет", "алло", "але"}
_PARTS = {"hello": "hello", "phone_hello": "phone_hello", "company": "company_named", "name": "name_named",
          "offer_help": "offer_of_help"}
_INTRODUCING = {"это", "я"}
# Words around a bare company in unpunctuated lower-case (ASR) text that are not part of its name.
_NOT_COMPANY_POS = {"VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB", "NPRO", "PREP", "CONJ", "PRCL", "INTJ", "PRED", "COMP"}
_ASR_FILLERS = {"да", "ну", "вот", "это", "э", "эм", "слушаю", "вас", "компания", "компании",
                "yes", "yeah", "yep", "um", "uh", "er", "erm", "so", "ok", "okay", "well", "there", "and", "you",
                "thanks", "thank", "for", "calling", "this", "is", "it's", "how", "are", "doing", "today", "the"}
# Salutations that address the client, not a company ("Hello, Mr Smith, how can I help?").
_HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Madam", "Ma'am"}
# Languages whose corpus convention needs a salutation: "Yeah, Tom from QuickLease." is no greeting there.
_SALUTATION_REQUIRED = {"en"}


@lru_cache(maxsize=4096)
def _name_kind(word: str) -> str | None:
    """"name" for a Russian first name ("анна"), "patronymic" for "петрович", by pymorphy3's tags."""
    parses = _morph().parse(word)
    if any("Patr" in p.tag for p in parses):
        return "patronymic"
    return "name" if any("Name" in p.tag for p in parses) else None


def _introduces_name(utt: ProcessedUtterance) -> tuple[int, int, bool] | None:
    """A first name the manager gives as their own ("это Анна", "...«ЛинкСеть», Светлана"), and
    whether it is introduced explicitly ("это Анна", "я Анна") rather than tacked on bare.

    A name opening the utterance, right after the salutation or followed by a patronymic addresses
    the client instead ("Иван Петрович, добрый день", "Добрый день, Иван!").
    """
    if utt.language != "ru":
        return None
    words = [t for t in utt.tokens if not t.is_punct]
    for i, word in enumerate(words):
        quoted = word.start > 0 and utt.norm[word.start - 1] in "«\"'"
        if i == 0 or quoted or words[i - 1].text in _SALUTATION or _name_kind(word.text) != "name":
            continue
        following = words[i + 1].text if i + 1 < len(words) else ""
        if _name_kind(following) != "patronymic":
            return word.start, word.end, words[i - 1].text in _INTRODUCING
    return None


def _bare_company(text: str, spans: list[tuple[int, int, str, float]]) -> tuple[int, int] | None:
    """A company said bare between the greeting and the name: "Hello, BlueLine Logistics, Tom speaking";
    without a name, between the greeting and the offer of help ("good afternoon brightwell dental how
    can i help").

    Needs a capitalised word (or quotes) there, so "Добрый день, удобно говорить?" stays quiet.
    """
    hello = [e for s, e, attr, _ in spans if attr in ("hello", "phone_hello")]
    names = [s for s, e, attr, _ in spans if attr == "name_named"] or [
        s for s, e, attr, _ in spans if attr == "offer_of_help"]
    if not hello or not names or names[0] <= hello[0]:
        return None
    segment = text[hello[0]:names[0]]
    if text == text.lower():
        return _lowercase_company(text, max(e for e in hello if e <= names[0]), names[0])
    words = [w for w in _CAPITALISED.findall(segment) if w not in _HONORIFICS]
    if not words or any(ch in segment for ch in "?") or all(_name_kind(w.lower()) for w in words):
        return None
    begin = hello[0] + segment.index(words[0])
    return begin, hello[0] + segment.rindex(words[-1]) + len(words[-1])


def _phone_hello(spans: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """"Алло" greets only when the utterance also names the company or the manager; alone it is dropped."""
    names = any(attr in ("company_named", "name_named") for _, _, attr, _ in spans)
    return [(s, e, "hello" if attr == "phone_hello" else attr, sc) for s, e, attr, sc in spans
            if attr != "phone_hello" or names]


def _lowercase_company(text: str, begin: int, end: int) -> tuple[int, int] | None:
    """A company said bare in lower-case ASR text, where capitals cannot mark it: "добрый день медсофт
    артём слушаю", "алло доброе утро агротехника юг меня зовут сергей". One to three words between the
    greeting and the name that are nouns, adjectives or unknown words (no verbs, pronouns, adverbs:
    "добрый день удобно говорить это анна" stays quiet) and are not the name cue ("меня зовут")."""
    found = [(m.start() + begin, m.end() + begin, m.group()) for m in re.finditer(r"[а-яёa-z][\w-]*", text[begin:end])]
    words = [(s, e, w) for s, e, w in found if w not in _ASR_FILLERS]
    while words and words[-1][2] in {"меня", "зовут", "мое", "моё", "имя", "с", "вами", "говорит", "на", "связи"}:
        words.pop()
    if not 1 <= len(words) <= 3:
        return None
    for _, _, w in words:
        parse = _morph().parse(w)[0]
        if parse.tag.POS in _NOT_COMPANY_POS or _name_kind(w):
            return None
    return words[0][0], words[-1][1]


@register(NAME, order=40)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    start = min((u.start_s for u in ctx.transcript.utterances), default=0.0)
    found: dict[str, bool] = {attr: False for attr in _PARTS.values()}
    first: tuple[int, int, int] | None = None
    score = 0.0
    introduced = False  # the manager's name given with a cue ("меня зовут", "это Анна"), not tacked on bare
    for index in ctx.speaker_indices("manager"):
        if ctx.transcript.utterances[index].start_s - start > WINDOW_S:
            break
        spans = [(m.start, m.end, _PARTS[m.label], m.score) for m in ctx.find(index, "greeting")]
        introduced = introduced or any(attr == "name_named" for _, _, attr, _ in spans)
        named = _introduces_name(ctx.utt(index))
        if named:
            spans.append((named[0], named[1], "name_named", 0.85))
            introduced = introduced or named[2]
        company = _bare_company(ctx.transcript.utterances[index].text, spans)
        if company:
            spans.append((*company, "company_named", 0.8))
        spans = _phone_hello(spans)
        for s, e, attr, sc in spans:
            found[attr] = True
            score = max(score, sc)
        if spans and first is None:
            first = (index, min(s for s, *_ in spans), max(e for _, e, *_ in spans))
    salutation_only = ctx.transcript.language in _SALUTATION_REQUIRED
    if first is None or not (found["hello"] or (introduced and not salutation_only)):
        # a company, a bare name or an offer alone is no greeting ("Да, «Кровля Мастер», Руслан.")
        return
    attributes = {k: v for k, v in found.items() if k not in ("hello", "phone_hello")}
    yield Detection("greeting", "manager", ctx.evidence(*first), NAME, score, attributes)
