"""Checks in words, for ``callgrade rubric show``: what an item demands, read from its check tree."""

from __future__ import annotations

from typing import Any

from analyzer.rubric import schema as s


def describe_window(w: s.Window) -> str:
    if w.first_s is not None:
        return f"in the first {w.first_s:g} s"
    if w.last_s is not None:
        return f"in the last {w.last_s:g} s"
    if w.first_fraction is not None:
        return f"in the first {w.first_fraction:.0%} of the call"
    if w.last_fraction is not None:
        return f"in the last {w.last_fraction:.0%} of the call"
    if w.first_utterances is not None:
        return f"in the first {w.first_utterances} utterances"
    return f"in the last {w.last_utterances} utterances"


def describe_selector(sel: s.Selector) -> str:
    parts = [sel.type]
    if sel.speaker:
        parts.append(f"by {sel.speaker}")
    if sel.topic is not None:
        parts.append(f"on {_alts(sel.topic)}")
    if sel.attributes:
        parts.append("with " + ", ".join(f"{k}={_alts(v)}" for k, v in sel.attributes.items()))
    if sel.exclude:
        parts.append("except " + ", ".join(f"{k}={_alts(v)}" for k, v in sel.exclude.items()))
    if sel.has:
        parts.append("having " + " and ".join(sel.has))
    if sel.window:
        parts.append(describe_window(sel.window))
    return " ".join(parts)


def describe(check: Any) -> str:
    """One line (nested checks in brackets) saying what makes the check pass."""
    kind = check.kind
    if kind == "detection.present.v1":
        return f"a {describe_selector(check)}"
    if kind == "detection.absent.v1":
        return f"no {describe_selector(check)}"
    if kind == "detection.count.v1":
        what = f"distinct {check.distinct} values of " if check.distinct else ""
        return f"{_bounds(check.min, check.max)} {what}{describe_selector(check)}"
    if kind == "metric.threshold.v1":
        return f"{check.metric} {_bounds(check.min, check.max)}"
    if kind == "order.before.v1":
        return f"a {describe_selector(check.first)} before any {describe_selector(check.then)}"
    if kind == "not.v1":
        return f"not ({describe(check.check)})"
    joiner = " AND " if kind == "all.v1" else " OR "
    return joiner.join(f"({describe(c)})" for c in check.checks)


def _alts(value: Any) -> str:
    return "|".join(str(v) for v in value) if isinstance(value, list) else str(value)


def _bounds(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"between {low:g} and {high:g}"
    return f">= {low:g}" if low is not None else f"<= {high:g}"
