"""Buying cues and disqualification signals of one call, from detections and the lead phrase files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from analyzer.lead.answers import latest_answers, position
from analyzer.lead.phrases import find_phrases
from analyzer.lead.rules import RulesFile, matches
from analyzer.lead.rules.schema import DetectionSignal
from analyzer.types import Detection, Evidence, Signal, Transcript


@dataclass(frozen=True, slots=True)
class Cue:
    name: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Findings:
    cues: tuple[Cue, ...]  # in time order; the last is the client's latest word
    signals: tuple[Signal, ...]  # one per code, with its first evidence

    @property
    def last_cue(self) -> str | None:
        return self.cues[-1].name if self.cues else None


def _signal_code(rule: DetectionSignal, d: Detection) -> str | None:
    code = rule.signal or d.get(rule.signal_from or "")
    return str(code) if code else None


def collect(transcript: Transcript, detections: Sequence[Detection], rules: RulesFile,
            call_id: str | None = None) -> Findings:
    """Every cue and signal the call shows, according to ``rules``."""
    hits = find_phrases(transcript, detections)
    cues = [Cue(h.cue, h.evidence) for h in hits if h.cue]
    latest = latest_answers(detections)
    cues += [Cue(m.cue, d.evidence) for d in detections for m in rules.detection_cues
             if matches(m.match, d, latest)]
    found = [Signal(h.signal, h.trigger, call_id) for h in hits if h.signal]
    for d in detections:
        for rule in rules.detection_signals:
            code = _signal_code(rule, d) if matches(rule.match, d, latest) else None
            if code:
                found.append(Signal(code, d.evidence, call_id))
    first: dict[str, Signal] = {}
    for s in sorted(found, key=lambda s: position(s.evidence)):
        first.setdefault(s.code, s)
    return Findings(tuple(sorted(cues, key=lambda c: position(c.evidence))), tuple(first.values()))
