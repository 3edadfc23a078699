"""Check kinds: small functions registered under versioned names, composed by rubric files.

Each check reads the call (transcript, detections, metrics) and returns an ``Outcome``: pass or
fail, the evidence that decided it, and named facts (quote, time, attribute values, metric values)
that fill the item's message placeholders. A published ``.v1`` never changes behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from analyzer.rubric import schema as s
from analyzer.types import Detection, Evidence, Metrics, Transcript


@dataclass(frozen=True, slots=True)
class CallView:
    """What checks may read about one call."""

    transcript: Transcript
    detections: tuple[Detection, ...]
    metrics: Metrics


@dataclass(frozen=True, slots=True)
class Outcome:
    """A check's verdict with the evidence and the facts (placeholder values) behind it."""

    passed: bool
    evidence: tuple[Evidence, ...] = ()
    facts: Mapping[str, Any] = field(default_factory=dict)


CheckFn = Callable[[Any, CallView], Outcome]
_REGISTRY: dict[str, CheckFn] = {}


def register(kind: str) -> Callable[[CheckFn], CheckFn]:
    """Registers the function that runs checks of ``kind`` (a versioned name such as ``all.v1``)."""

    def deco(fn: CheckFn) -> CheckFn:
        if kind in _REGISTRY:
            raise ValueError(f"check kind {kind!r} registered twice")
        _REGISTRY[kind] = fn
        return fn

    return deco


def registered_kinds() -> tuple[str, ...]:
    return tuple(sorted(_REGISTRY))


def run_check(check: Any, view: CallView) -> Outcome:
    """Runs one check (and its children); a named check also publishes its facts as ``name.key``."""
    out = _REGISTRY[check.kind](check, view)
    if check.name:
        named = {f"{check.name}.{k}": v for k, v in out.facts.items()}
        out = Outcome(out.passed, out.evidence, {**out.facts, **named})
    return out


def mmss(seconds: float) -> str:
    """``72.4`` -> ``1:12`` (how a coach reads a time in a call)."""
    total = int(seconds)
    return f"{total // 60}:{total % 60:02d}"


# --------------------------------------------------------------------------- selecting detections
def _same(actual: Any, expected: Any) -> bool:
    if isinstance(actual, bool) or isinstance(expected, bool):
        return isinstance(actual, bool) and isinstance(expected, bool) and actual == expected
    return actual == expected


def _value_ok(actual: Any, expected: Any) -> bool:
    options = expected if isinstance(expected, list) else [expected]
    return any(_same(actual, e) for e in options)


def in_window(window: s.Window, ev: Evidence, transcript: Transcript) -> bool:
    """Whether the evidence overlaps the window (a detection that starts at 19 s is "within 20 s")."""
    end, n = transcript.end_s, len(transcript.utterances)
    if window.first_s is not None:
        return ev.start_s < window.first_s
    if window.last_s is not None:
        return ev.end_s > end - window.last_s
    if window.first_fraction is not None:
        return ev.start_s < end * window.first_fraction
    if window.last_fraction is not None:
        return ev.end_s > end * (1 - window.last_fraction)
    if window.first_utterances is not None:
        return ev.utterance < window.first_utterances
    return ev.utterance >= n - (window.last_utterances or 0)


def _kind_matches(sel: s.Selector, d: Detection) -> bool:
    """Type, speaker and topic: what makes a detection the same sort of thing the selector asks for."""
    return (d.type == sel.type and (sel.speaker is None or d.speaker == sel.speaker)
            and (sel.topic is None or _value_ok(d.get("topic"), sel.topic)))


def attribute(d: Detection, path: str) -> Any:
    """An attribute by name or dotted path into value dicts (``value.refused``); None when absent."""
    value: Any = d.attributes
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _details_match(sel: s.Selector, d: Detection, transcript: Transcript) -> bool:
    return (all(_value_ok(attribute(d, k), v) for k, v in sel.attributes.items())
            and not any(_value_ok(attribute(d, k), v) for k, v in sel.exclude.items())
            and all(attribute(d, k) not in (None, "", [], {}) for k in sel.has)
            and (sel.window is None or in_window(sel.window, d.evidence, transcript)))


def select(sel: s.Selector, view: CallView) -> list[Detection]:
    """The detections a selector matches, in time order."""
    return [d for d in view.detections if _kind_matches(sel, d) and _details_match(sel, d, view.transcript)]


def near_misses(sel: s.Selector, view: CallView) -> list[Detection]:
    """Detections of the right sort that fail only on attributes, exclusions, ``has`` or window: what a fail
    message quotes (as ``{near.quote}``, ``{near.time}``, ...)."""
    return [d for d in view.detections if _kind_matches(sel, d) and not _details_match(sel, d, view.transcript)]


def detection_facts(d: Detection) -> dict[str, Any]:
    """Placeholder values of one detection: quote, time, and every attribute (evidence -> its quote and time)."""
    facts: dict[str, Any] = {"quote": d.evidence.quote, "time": mmss(d.evidence.start_s), "speaker": d.speaker,
                             "type": d.type}
    for key, value in d.attributes.items():
        if isinstance(value, Evidence):
            facts[key] = value.quote
            facts[f"{key}_time"] = mmss(value.start_s)
        elif isinstance(value, Mapping):
            facts.update({f"{key}.{k}": v for k, v in value.items() if v is not None})
        elif value is not None:
            facts[key] = value
    return facts


def _evidence(dets: Iterable[Detection]) -> tuple[Evidence, ...]:
    return tuple(d.evidence for d in dets)


def _in_bounds(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


# --------------------------------------------------------------------------- check kinds
@register("detection.present.v1")
def _present(check: s.DetectionPresent, view: CallView) -> Outcome:
    found = select(check, view)
    if found:
        return Outcome(True, _evidence(found), {**detection_facts(found[0]), "count": len(found)})
    near = near_misses(check, view)
    return Outcome(False, _evidence(near), {f"near.{k}": v for k, v in detection_facts(near[0]).items()} if near else {})


@register("detection.absent.v1")
def _absent(check: s.DetectionAbsent, view: CallView) -> Outcome:
    found = select(check, view)
    return Outcome(not found, _evidence(found), {**detection_facts(found[0]), "count": len(found)} if found else {})


@register("detection.count.v1")
def _count(check: s.DetectionCount, view: CallView) -> Outcome:
    found = select(check, view)
    if check.distinct:
        first_by_value: dict[Any, Detection] = {}
        for d in found:
            value = d.get(check.distinct)
            if value is not None:
                first_by_value.setdefault(str(value), d)
        found, values = list(first_by_value.values()), list(first_by_value)
    else:
        values = []
    facts: dict[str, Any] = {"count": len(found)}
    if values:
        facts["values"] = values
    facts.update({k: v for k, v in (("min", check.min), ("max", check.max)) if v is not None})
    return Outcome(_in_bounds(len(found), check.min, check.max), _evidence(found), facts)


@register("metric.threshold.v1")
def _metric(check: s.MetricThreshold, view: CallView) -> Outcome:
    name, _, role = check.metric.partition(".")
    raw = getattr(view.metrics, name)
    value = float(raw.get(role, 0.0)) if role else float(raw)
    facts: dict[str, Any] = {"metric": check.metric, "value": value, "percent": f"{round(value * 100)}%"}
    facts.update({k: v for k, v in (("min", check.min), ("max", check.max)) if v is not None})
    return Outcome(_in_bounds(value, check.min, check.max), (), facts)


@register("order.before.v1")
def _before(check: s.OrderBefore, view: CallView) -> Outcome:
    firsts, thens = select(check.first, view), select(check.then, view)
    facts: dict[str, Any] = {}
    for prefix, dets in (("first", firsts), ("then", thens)):
        if dets:
            facts.update({f"{prefix}.{k}": v for k, v in detection_facts(dets[0]).items()})
    passed = bool(firsts) and (not thens or firsts[0].evidence.start_s < thens[0].evidence.start_s)
    return Outcome(passed, _evidence(firsts[:1] + thens[:1]), facts)


def _combine(outcomes: Iterable[Outcome], passed: bool) -> Outcome:
    """Evidence of all children (deduplicated, in order); facts merged, the first child's value winning."""
    evidence: dict[tuple[int, int, int], Evidence] = {}
    facts: dict[str, Any] = {}
    for out in outcomes:
        for ev in out.evidence:
            evidence.setdefault((ev.utterance, ev.char_start, ev.char_end), ev)
        for k, v in out.facts.items():
            facts.setdefault(k, v)
    return Outcome(passed, tuple(evidence.values()), facts)


@register("all.v1")
def _all(check: s.AllOf, view: CallView) -> Outcome:
    outs = [run_check(c, view) for c in check.checks]
    return _combine(outs, all(o.passed for o in outs))


@register("any.v1")
def _any(check: s.AnyOf, view: CallView) -> Outcome:
    outs = [run_check(c, view) for c in check.checks]
    passing = [o for o in outs if o.passed]
    return _combine(passing, True) if passing else _combine(outs, False)


@register("not.v1")
def _not(check: s.Not, view: CallView) -> Outcome:
    out = run_check(check.check, view)
    return Outcome(not out.passed, out.evidence, out.facts)
