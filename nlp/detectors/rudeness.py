"""Rudeness by either side: swearing (word lists, masked forms too), insults and dismissive phrases."""

from __future__ import annotations

from typing import Iterator

from analyzer.types import Detection
from nlp.context import Context
from nlp.profanity import load_wordlist
from nlp.registry import register

NAME = "rudeness.v1"
WORDLIST_SCORE = 0.95


def rude_spans(ctx: Context, index: int) -> dict[str, tuple[int, int, float]]:
    """The first span of each rudeness kind in an utterance: ``kind -> (start, end, score)``."""
    utt = ctx.utt(index)
    found: dict[str, tuple[int, int, float]] = {}
    literal = [(m.start, m.end) for m in ctx.find(index, "literal_senses")]
    for hit in load_wordlist(utt.language).find(utt.norm):
        if not hit.masked and any(s <= hit.start and hit.end <= e for s, e in literal):
            continue  # the word in its literal sense: "УЗИ беременных сук" (female dogs), "pregnant bitches"
        kind = "insult" if hit.kind == "insult" else "profanity"
        found.setdefault(kind, (hit.start, hit.end, WORDLIST_SCORE))
    for match in ctx.find(index, "rudeness"):
        if match.label not in found:
            found[match.label] = (match.start, match.end, match.score)
    return found


@register(NAME, order=20)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    for index, utt in enumerate(ctx.transcript.utterances):
        for kind, (start, end, score) in sorted(rude_spans(ctx, index).items(), key=lambda kv: kv[1]):
            yield Detection("rudeness", utt.speaker, ctx.evidence(index, start, end), NAME, score, {"kind": kind})
