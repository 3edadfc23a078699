"""Aggregating case results into the numbers the team tracks.

Detection quality is call-level precision / recall / F1 per type and language; value
quality is the share of exactly matching values (BANT values from the detections, rubric
item statuses, lead fields). Undefined ratios (nothing to divide by) are ``None``, never
silently 0 or 1.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from analyzer.evaluation.compare import CaseResult, Check
from analyzer.evaluation.gold import DETECTION_TYPES

ALL = "all"


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(frozen=True, slots=True)
class Counts:
    """A confusion matrix at call level for one detection type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def support(self) -> int:
        """Calls where the gold says the type occurs."""
        return self.tp + self.fn

    def add(self, gold: bool, predicted: bool) -> Counts:
        return Counts(self.tp + (gold and predicted), self.fp + (not gold and predicted),
                      self.fn + (gold and not predicted), self.tn + (not gold and not predicted))

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn, "support": self.support,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True, slots=True)
class Rate:
    """How many of ``total`` compared values were right."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)

    def add(self, ok: bool) -> Rate:
        return Rate(self.correct + ok, self.total + 1)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "rate": self.value}


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Everything one evaluation run measured; ``errors`` lists cases that could not be analysed."""

    results: tuple[CaseResult, ...]
    errors: tuple[tuple[str, str], ...]
    detection: Mapping[str, Mapping[str, Counts]]
    expect: Mapping[str, Rate]
    bant: Mapping[str, Rate]
    grade: Mapping[str, Rate]
    lead: Mapping[str, Rate]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({r.language for r in self.results}))

    def misses(self) -> list[dict[str, Any]]:
        """Every disagreement with the gold, by case, for debugging."""
        out: list[dict[str, Any]] = [{"case": c, "kind": "error", "what": m, "expected": None, "got": None}
                                     for c, m in self.errors]
        for r in self.results:
            for t in DETECTION_TYPES:
                if r.gold_types[t] != r.predicted_types[t]:
                    kind = "missed" if r.gold_types[t] else "false_alarm"
                    out.append({"case": r.name, "kind": kind, "what": t, "expected": r.gold_types[t],
                                "got": r.predicted_types[t]})
            for kind, checks in (("expect", r.expect), ("bant", r.bant), ("grade", r.grade or ()), ("lead", r.lead or ())):
                out += [{"case": r.name, "kind": kind, "what": c.field, "expected": c.expected, "got": c.got}
                        for c in checks if not c.ok]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases": len(self.results),
            "languages": {lang: sum(r.language == lang for r in self.results) for lang in self.languages},
            "detection": {lang: {t: c.to_dict() for t, c in by_type.items()} for lang, by_type in self.detection.items()},
            "expect": {k: v.to_dict() for k, v in self.expect.items()},
            "bant_values": {k: v.to_dict() for k, v in self.bant.items()},
            "grade": {k: v.to_dict() for k, v in self.grade.items()},
            "lead": {k: v.to_dict() for k, v in self.lead.items()},
            "errors": [{"case": c, "message": m} for c, m in self.errors],
            "misses": self.misses(),
        }


def _detection_counts(results: Iterable[CaseResult]) -> dict[str, dict[str, Counts]]:
    table: dict[str, dict[str, Counts]] = defaultdict(lambda: {t: Counts() for t in DETECTION_TYPES})
    for r in results:
        for lang in (r.language, ALL):
            for t in DETECTION_TYPES:
                table[lang][t] = table[lang][t].add(r.gold_types[t], r.predicted_types[t])
    langs = sorted(k for k in table if k != ALL)
    return {k: table[k] for k in [*langs, ALL] if k in table}


def _rates(results: Iterable[CaseResult], checks: Callable[[CaseResult], Iterable[Check]],
           key: Callable[[Check], str] = lambda c: c.field) -> dict[str, Rate]:
    """Per-key rates, then an overall rate per language and over all (``all``, ``all.ru`` ...)."""
    per: dict[str, Rate] = {}
    overall: dict[str, Rate] = {}
    for r in results:
        for c in checks(r):
            per[key(c)] = per.get(key(c), Rate()).add(c.ok)
            for k in (ALL, f"{ALL}.{r.language}"):
                overall[k] = overall.get(k, Rate()).add(c.ok)
    return {**dict(sorted(per.items())), **dict(sorted(overall.items()))}


def summarize(results: Iterable[CaseResult], errors: Iterable[tuple[str, str]] = ()) -> EvalReport:
    """Aggregates case results (and the cases that failed to run) into one report."""
    results = tuple(results)
    return EvalReport(
        results=results,
        errors=tuple(errors),
        detection=_detection_counts(results),
        expect=_rates(results, lambda r: r.expect, key=lambda c: c.field.split("(")[0]),
        bant=_rates(results, lambda r: r.bant),
        grade=_rates(results, lambda r: r.grade or ()),
        lead=_rates(results, lambda r: r.lead or ()),
    )
