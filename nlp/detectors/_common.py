"""Shared detector steps: phrase detections and the client's reaction to an offer."""

from __future__ import annotations

import re
from typing import Any, Iterator

from analyzer.types import Detection
from nlp.context import Context
from nlp.dialogue import following_turns


def phrase_detections(ctx: Context, *, file: str, label: str, type: str, detector: str,
                      speakers: tuple[str, ...], semantic: bool = False,
                      attributes: dict[str, Any] | None = None) -> Iterator[Detection]:
    """A ``type`` detection for each utterance by ``speakers`` where ``file``'s ``label`` matches."""
    for index, utt in enumerate(ctx.transcript.utterances):
        if utt.speaker not in speakers:
            continue
        hits = [m for m in ctx.find(index, file, semantic=semantic) if m.label == label]
        if hits:
            yield Detection(type, utt.speaker, ctx.evidence(index, hits[0].start, hits[0].end), detector,
                            hits[0].score, dict(attributes or {}))


def client_reaction(ctx: Context, index: int, *, rude_declines: bool = True) -> str:
    """``accepted`` / ``declined`` / ``none``: the client's next turn after utterance ``index``.

    A decline wins over an accept in the same turn ("да нет, не надо"); a rude reply declines.
    """
    from nlp.detectors.rudeness import rude_spans

    turn = following_turns(ctx.transcript, index, "client", turns=1)
    labels = {m.label for i in turn for m in ctx.find(i, "reaction")}
    if "declined" in labels or (rude_declines and any(rude_spans(ctx, i) for i in turn)):
        return "declined"
    return "accepted" if "accepted" in labels else "none"


def words_after(text: str, start: int, *, skip: re.Pattern[str], stop: re.Pattern[str],
                max_words: int) -> tuple[int, int] | None:
    """The span of the few words that follow ``start`` ("пришлю вам |программу|", "we also offer |herbs|").

    ``skip`` (matched on the lower-cased text) drops leading filler words, ``stop`` ends the phrase.
    """
    rest = text[start:]
    lead = len(rest) - len(rest.lstrip())
    skipped = skip.match(rest[lead:].lower().replace("ё", "е"))
    begin = start + lead + (skipped.end() if skipped else 0)
    end_match = stop.search(text.lower(), begin)
    words = text[begin:end_match.start() if end_match else len(text)].split()[:max_words]
    if not words:
        return None
    return begin, text.index(words[-1], begin + sum(len(w) for w in words[:-1])) + len(words[-1])
