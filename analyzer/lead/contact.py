"""Who the client is: name and company, as the client said them.

``contact`` detections (attributes ``name`` / ``company``) win when a detector provides them;
otherwise the introduction patterns of the lead phrase files are tried on the client's turns.
For each part, the client's last statement wins.
"""

from __future__ import annotations

import re
from typing import Iterable

from analyzer.lead.phrases import ContactPattern, utterance_languages, load_phrases
from analyzer.types import Contact, Detection, Evidence, Transcript


def tidy_name(raw: str) -> str:
    """An all-lower-case name (ASR output) gets capitals; anything else is kept as said."""
    raw = " ".join(raw.split()).strip(" ,.«»\"'")
    return raw.title() if raw.islower() else raw


def match_contact(pattern: ContactPattern, text: str) -> list[tuple[str, str, int, int]]:
    """``(part, value, start, end)`` for each named group the pattern captures in ``text``."""
    found = []
    for m in re.finditer(pattern.regex, text, flags=re.IGNORECASE):
        for part in ("name", "company"):
            if part in m.re.groupindex and m.group(part):
                found.append((part, tidy_name(m.group(part)), m.start(part), m.end(part)))
    return found


def _from_detections(detections: Iterable[Detection]) -> dict[str, tuple[str, Evidence]]:
    parts: dict[str, tuple[str, Evidence]] = {}
    for d in detections:
        if d.type == "contact" and d.speaker != "manager":
            for part in ("name", "company"):
                if d.get(part):
                    parts[part] = (str(d.get(part)), d.evidence)
    return parts


def _from_phrases(transcript: Transcript) -> dict[str, tuple[str, Evidence]]:
    parts: dict[str, tuple[str, Evidence]] = {}
    for i, utt in enumerate(transcript.utterances):
        if utt.speaker != "client":
            continue
        for lang in utterance_languages(transcript, i):
            for pattern in load_phrases(lang).contact:
                for part, value, start, end in match_contact(pattern, utt.text):
                    parts[part] = (value, Evidence.of(transcript, i, start, end))
    return parts


def find_contact(transcript: Transcript, detections: Iterable[Detection]) -> Contact:
    """The client's name and company (None when never said); evidence of the last part found."""
    parts = _from_detections(detections) or _from_phrases(transcript)
    if not parts:
        return Contact()
    name, company = parts.get("name"), parts.get("company")
    evidence = [p[1] for p in (name, company) if p]
    if len(evidence) == 2 and evidence[0].utterance == evidence[1].utterance:  # one quote for "John from Acme"
        spans = [(e.char_start, e.char_end) for e in evidence]
        evidence = [Evidence.of(transcript, evidence[0].utterance, min(s for s, _ in spans), max(e for _, e in spans))]
    last = max(evidence, key=lambda e: (e.start_s, e.utterance))
    return Contact(name[0] if name else None, company[0] if company else None, last)
