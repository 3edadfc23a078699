"""Plain-text tables of an evaluation report, for engineers reading a terminal."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Mapping

from analyzer.evaluation.summary import ALL, EvalReport, Rate


F1_TARGET = 0.90  # the team's target per detection type and language


def _num(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def _short(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_short(v)}" for k, v in value.items()) + "}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _detection_table(report: EvalReport) -> list[str]:
    lines = ["Detections (call level: predicted when the call has >= 1 detection of the type; "
             f"* = F1 below the {F1_TARGET:.2f} target)"]
    for lang, by_type in report.detection.items():
        lines.append(f"\n  [{lang}]")
        lines.append(f"  {'type':16} {'P':>5} {'R':>5} {'F1':>5} {'support':>8} {'tp':>4} {'fp':>4} {'fn':>4} {'tn':>4}")
        for t, c in by_type.items():
            flag = " *" if c.f1 is not None and c.f1 < F1_TARGET else ""
            lines.append(f"  {t:16} {_num(c.precision)} {_num(c.recall)} {_num(c.f1)} {c.support:>8} "
                         f"{c.tp:>4} {c.fp:>4} {c.fn:>4} {c.tn:>4}{flag}")
    return lines


def _rate_table(title: str, rates: Mapping[str, Rate], label: str) -> list[str]:
    if not rates:
        return [title, "  (nothing compared: the gold or the analysis has none)"]
    lines = [title, f"  {label:28} {'right':>7} {'rate':>6}"]
    for key, rate in rates.items():
        if key.startswith(ALL):
            continue
        lines.append(f"  {key:28} {rate.correct:>3}/{rate.total:<3} {_num(rate.value)}")
    for key, rate in rates.items():
        if key.startswith(ALL):
            lines.append(f"  {'overall ' + key[len(ALL) + 1:] if key != ALL else 'overall':28} "
                         f"{rate.correct:>3}/{rate.total:<3} {_num(rate.value)}")
    return lines


def _misses(report: EvalReport) -> list[str]:
    by_case: dict[str, list[str]] = defaultdict(list)
    for m in report.misses():
        if m["kind"] in ("missed", "false_alarm", "error"):
            by_case[m["case"]].append(f"{m['kind']}: {m['what']}")
        else:
            by_case[m["case"]].append(f"{m['kind']} {m['what']}: expected {_short(m['expected'])}, got {_short(m['got'])}")
    if not by_case:
        return ["Misses: none"]
    lines = [f"Misses ({sum(len(v) for v in by_case.values())} in {len(by_case)} cases)"]
    for case in sorted(by_case):
        lines.append(f"  {case}")
        lines += [f"    - {item}" for item in by_case[case]]
    return lines


def render_report(report: EvalReport) -> str:
    """The whole report: detection P/R/F1, expectation matches, values, rubric, lead, then every miss."""
    counts = ", ".join(f"{lang} {sum(r.language == lang for r in report.results)}" for lang in report.languages)
    header = f"Evaluated {len(report.results)} cases" + (f" ({counts})" if counts else "")
    if report.errors:
        header += f"; {len(report.errors)} could not be analysed"
    sections = [
        [header],
        _detection_table(report),
        _rate_table("Expectations (gold 'expect' entries matched by a detection)", report.expect, "type"),
        _rate_table("BANT values from the detections (exact after normalisation)", report.bant, "field"),
        _rate_table("Rubric item agreement", report.grade, "item"),
        _rate_table("Lead field accuracy", report.lead, "field"),
        _misses(report),
    ]
    return "\n\n".join("\n".join(s) for s in sections)
