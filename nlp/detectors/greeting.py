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
_PARTS = {"hello": "hello", "company": "company_named", "name": "name_named", "offer_help": "offer_of_help"}


@lru_cache(maxsize=4096)
def _name_kind(word: str) -> str | None:
    """"name" for a Russian first name ("анна"), "patronymic" for "петрович", by pymorphy3's tags."""
    parses = _morph().parse(word)
    if any("Patr" in p.tag for p in parses):
        return "patronymic"
    return "name" if any("Name" in p.tag for p in parses) else None


def _introduces_name(utt: ProcessedUtterance) -> tuple[int, int] | None:
    """A first name the manager gives as their own ("это Анна", "...«ЛинкСеть», Светлана").

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
            return word.start, word.end
    return None


def _bare_company(text: str, spans: list[tuple[int, int, str, float]]) -> tuple[int, int] | None:
    """A company said bare between the greeting and the name: "Hello, BlueLine Logistics, Tom speaking".

    Needs a capitalised word (or quotes) there, so "Добрый день, удобно говорить?" stays quiet.
    """
    hello = [e for s, e, attr, _ in spans if attr == "hello"]
    names = [s for s, e, attr, _ in spans if attr == "name_named"]
    if not hello or not names or names[0] <= hello[0]:
        return None
    segment = text[hello[0]:names[0]]
    words = _CAPITALISED.findall(segment)
    if not words or any(ch in segment for ch in "?") or all(_name_kind(w.lower()) for w in words):
        return None
    begin = hello[0] + segment.index(words[0])
    return begin, hello[0] + segment.rindex(words[-1]) + len(words[-1])


@register(NAME, order=40)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    start = min((u.start_s for u in ctx.transcript.utterances), default=0.0)
    found: dict[str, bool] = {attr: False for attr in _PARTS.values()}
    first: tuple[int, int, int] | None = None
    score = 0.0
    for index in ctx.speaker_indices("manager"):
        if ctx.transcript.utterances[index].start_s - start > WINDOW_S:
            break
        spans = [(m.start, m.end, _PARTS[m.label], m.score) for m in ctx.find(index, "greeting")]
        named = _introduces_name(ctx.utt(index))
        if named:
            spans.append((*named, "name_named", 0.85))
        company = _bare_company(ctx.transcript.utterances[index].text, spans)
        if company:
            spans.append((*company, "company_named", 0.8))
        for s, e, attr, sc in spans:
            found[attr] = True
            score = max(score, sc)
        if spans and first is None:
            first = (index, min(s for s, *_ in spans), max(e for _, e, *_ in spans))
    if first is None or not (found["hello"] or found["name_named"]):
        return  # a company name or an offer alone is no greeting ("Да, «Кровля Мастер»")
    attributes = {k: v for k, v in found.items() if k != "hello"}
    yield Detection("greeting", "manager", ctx.evidence(*first), NAME, score, attributes)
