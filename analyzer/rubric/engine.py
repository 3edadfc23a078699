"""Grading a call against a rubric: run each item's checks, turn outcomes into statuses, messages and a score."""

from __future__ import annotations

import logging
import re
from typing import Any, Iterable, Mapping

from analyzer.rubric.checks import CallView, Outcome, run_check
from analyzer.rubric.schema import Item, Messages, Rubric, Text
from analyzer.types import Detection, ItemResult, Metrics, RubricResult, Transcript

log = logging.getLogger(__name__)

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w.]*)\}")
_BOOL = {"ru": ("да", "нет"), "en": ("yes", "no")}


def grade(rubric: Rubric, *, transcript: Transcript, detections: Iterable[Detection],
          metrics: Metrics) -> RubricResult:
    """Grades one call.

    Args:
        rubric: a rubric from ``load_rubric``.
        transcript: the call; its language picks the messages' language (else the rubric's first).
        detections: what the detectors found, with evidence.
        metrics: the conversation metrics.

    Returns:
        Every item's status (pass / fail / na / error) with evidence, message and tip, and the score:
        100 * points of passed items / points of applicable items (``na`` and ``error`` items do not count).
    """
    view = CallView(transcript, tuple(detections), metrics)
    language = transcript.language if transcript.language in rubric.languages else rubric.languages[0]
    items = tuple(_grade_item(item, view, rubric, language) for item in rubric.items)
    counted = [i for i in items if i.status in ("pass", "fail")]
    total = sum(i.max_points for i in counted)
    score = round(100.0 * sum(i.points for i in counted) / total, 1) if total else 0.0
    return RubricResult(rubric.id, rubric.version, score, 100.0, items, language)


def _grade_item(item: Item, view: CallView, rubric: Rubric, language: str) -> ItemResult:
    title = _text(item.title, language)
    try:
        if item.applies_when is not None:
            condition = run_check(item.applies_when, view)
            if not condition.passed:
                message = _render(item.messages.na, condition.facts, rubric, language) if item.messages.na else ""
                return ItemResult(item.id, "na", 0.0, item.points, (), message, "", title)
        outcome = run_check(item.check, view)
    except Exception as e:  # noqa: BLE001 - a broken check must not stop the rest of the rubric
        reason = f"{type(e).__name__}: {e}"
        log.warning("rubric %s item %s: check raised %s", rubric.id, item.id, reason)
        return ItemResult(item.id, "error", 0.0, item.points, (), reason, "", title, error=reason)
    return _result(item, outcome, rubric, language, title)


def _result(item: Item, outcome: Outcome, rubric: Rubric, language: str, title: str) -> ItemResult:
    status = "pass" if outcome.passed else "fail"
    messages = item.messages.pass_ if outcome.passed else item.messages.fail
    message = _render(messages, outcome.facts, rubric, language)
    tip = "" if outcome.passed else _fill(_text(item.tip, language), outcome.facts, rubric, language)
    return ItemResult(item.id, status, item.points if outcome.passed else 0.0, item.points, outcome.evidence,
                      message, tip, title)


def _text(text: Text, language: str) -> str:
    return getattr(text, language) or ""


def _render(messages: Messages, facts: Mapping[str, Any], rubric: Rubric, language: str) -> str:
    """The first alternative whose placeholders the facts can all fill (else the last, with gaps marked)."""
    alternatives = getattr(messages, language) or [""]
    for template in alternatives:
        if all(name in facts for name in _PLACEHOLDER.findall(template)):
            return _fill(template, facts, rubric, language)
    return _fill(alternatives[-1], facts, rubric, language)


def _fill(template: str, facts: Mapping[str, Any], rubric: Rubric, language: str) -> str:
    return _PLACEHOLDER.sub(lambda m: _show(facts.get(m.group(1)), rubric, language), template)


def _show(value: Any, rubric: Rubric, language: str) -> str:
    """A fact as a coach reads it: yes/no, trimmed numbers, labels translated (``budget`` -> «бюджет»)."""
    if value is None:
        return "…"
    if isinstance(value, bool):
        return _BOOL.get(language, _BOOL["en"])[0 if value else 1]
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return ", ".join(_show(v, rubric, language) for v in value)
    label = rubric.labels.get(str(value))
    return (getattr(label, language) or str(value)) if label else str(value)
