"""The lead's own phrase data (``analyzer/lead/data/<lang>.yaml``): buying cues, refusals, contact intros.

Detectors are the primary source of lead facts; these phrases cover what no detector reports
(a client asking for an invoice, introducing themselves) and back up the disqualification codes.
Each group ships must-match / must-not-match examples that the tests run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, Sequence

from pydantic import Field, model_validator

from analyzer.datafile import Regex, StrictModel, load_yaml_model
from analyzer.types import Detection, Evidence, Transcript

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("ru", "en")


class Examples(StrictModel):
    match: list[str] = Field(min_length=1)
    no_match: list[str] = Field(default_factory=list)


class PhraseGroup(StrictModel):
    """Regexes (on lower-cased text, "ё" folded to "е") that emit one cue or one disqualification signal."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    cue: str | None = None
    signal: str | None = None
    speaker: Literal["client", "manager", "any"] = "client"
    patterns: list[Regex] = Field(min_length=1)
    exclude: list[Regex] = Field(default_factory=list)
    # "overlap": an exclude vetoes the matches it overlaps; "utterance": it vetoes the whole utterance
    veto: Literal["overlap", "utterance"] = "overlap"
    min_count: int = Field(default=1, ge=1)  # utterances that must match before the group fires
    # only in a reply to this detection type: the utterance right after the other side's turn that has it
    # ("Удобно в пятницу?" - "Да, подходит" agrees to a meeting_invite)
    after: str | None = None
    examples: Examples

    @model_validator(mode="after")
    def _one_output(self) -> "PhraseGroup":
        if (self.cue is None) == (self.signal is None):
            raise ValueError("a phrase group emits exactly one of 'cue' or 'signal'")
        return self


class ContactExample(StrictModel):
    text: str
    name: str | None = None
    company: str | None = None


class ContactPattern(StrictModel):
    """A case-insensitive regex with named groups ``name`` and/or ``company`` (use ``(?-i:...)`` for capitals)."""

    regex: Regex
    examples: list[ContactExample] = Field(min_length=1)

    @model_validator(mode="after")
    def _has_groups(self) -> "ContactPattern":
        if not {"name", "company"} & set(re.compile(self.regex).groupindex):
            raise ValueError("a contact regex needs a named group 'name' or 'company'")
        return self


class PhraseFile(StrictModel):
    language: Literal["ru", "en"]
    description: str = ""
    groups: list[PhraseGroup] = Field(min_length=1)
    contact: list[ContactPattern] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> "PhraseFile":
        ids = [g.id for g in self.groups]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate group ids: {', '.join(dupes)}")
        return self


@dataclass(frozen=True, slots=True)
class PhraseHit:
    group: str
    cue: str | None
    signal: str | None
    evidence: Evidence  # the last occurrence (a cue's latest word)
    trigger: Evidence  # the occurrence that made the group fire (the min_count-th)


@lru_cache(maxsize=8)
def load_phrases(language: str) -> PhraseFile:
    """The bundled phrase file of one language, validated once."""
    return load_yaml_model(DATA_DIR / f"{language}.yaml", PhraseFile)


def normalise(text: str) -> str:
    """Lower-cased text with "ё" folded and typographic apostrophes plain; offsets carry over."""
    norm = text.lower().replace("ё", "е").replace("\u2019", "'")
    return norm if len(norm) == len(text) else text


def _spans(patterns: list[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for p in patterns for m in re.finditer(p, text) if m.end() > m.start()]


def group_spans(group: PhraseGroup, text: str) -> list[tuple[int, int]]:
    """Where the group matches ``text``, minus what its exclude patterns veto."""
    norm = normalise(text)
    vetoes = _spans(group.exclude, norm)
    if vetoes and group.veto == "utterance":
        return []
    return sorted(s for s in _spans(group.patterns, norm) if not any(s[0] < v[1] and v[0] < s[1] for v in vetoes))


def utterance_languages(transcript: Transcript, index: int) -> tuple[str, ...]:
    lang = transcript.utterances[index].language or transcript.language
    return (lang,) if lang in LANGUAGES else LANGUAGES


def _replies(transcript: Transcript, detections: Sequence[Detection]) -> dict[str, set[int]]:
    """Per detection type, the utterances that answer a turn holding such a detection."""
    replies: dict[str, set[int]] = {}
    utts = transcript.utterances
    for d in detections:
        i = d.evidence.utterance
        while i + 1 < len(utts) and utts[i + 1].speaker == utts[d.evidence.utterance].speaker:
            i += 1  # the turn may go on over several utterances
        if i + 1 < len(utts):
            replies.setdefault(d.type, set()).add(i + 1)
    return replies


def find_phrases(transcript: Transcript, detections: Sequence[Detection] = ()) -> list[PhraseHit]:
    """Every group that fires in the call, once, with the evidence of its last matching utterance."""
    replies = _replies(transcript, detections)
    groups: dict[str, PhraseGroup] = {}
    found: dict[str, list[Evidence]] = {}
    for i, utt in enumerate(transcript.utterances):
        for lang in utterance_languages(transcript, i):
            for group in load_phrases(lang).groups:
                if group.speaker != "any" and utt.speaker != group.speaker:
                    continue
                if group.after is not None and i not in replies.get(group.after, ()):
                    continue
                spans = group_spans(group, utt.text)
                if spans:
                    key = f"{lang}:{group.id}"
                    groups[key] = group
                    found.setdefault(key, []).append(Evidence.of(transcript, i, *spans[0]))
    hits = [PhraseHit(g.id, g.cue, g.signal, found[key][-1], found[key][g.min_count - 1])
            for key, g in groups.items() if len(found[key]) >= g.min_count]
    return sorted(hits, key=lambda h: (h.evidence.start_s, h.evidence.utterance))
