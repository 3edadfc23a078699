"""The terminal report: score, items with quotes and tips, lead card, detections, metrics."""

from __future__ import annotations

from analyzer.report.view import (STATUS_MARK, item_points, labels, lead_rows, metric_rows, report_language,
                                  signal_rows, where, detection_details)
from analyzer.rubric.checks import mmss
from analyzer.types import CallAnalysis


def render_text(analysis: CallAnalysis) -> str:
    """A plain-text report for a terminal, in the call's language."""
    lang = report_language(analysis)
    lab = labels(lang)
    g = analysis.grade
    head = f"{lab['report']}: {analysis.call_id or ''} ({mmss(analysis.transcript.end_s)})"
    out = [head, "=" * len(head)]
    if g is None:
        out.append(f"{lab['score']}: {lab['no_grade']}")
    else:
        out.append(f"{lab['score']}: {g.score:g} / {g.max_score:g}   ({lab['rubric']} {g.rubric}@{g.rubric_version})")
        out += ["", lab["items"]]
        for item in g.items:
            out.append(f"  {STATUS_MARK[item.status]} {item.title or item.id} [{lab[item.status]}, {item_points(item)}]")
            if item.message:
                out.append(f"      {item.message}")
            out += [f"      «{ev.quote}» ({where(ev)})" for ev in item.evidence[:3]]
            if item.tip:
                out.append(f"      {lab['tip']}: {item.tip}")
    out += ["", lab["lead"]]
    if analysis.lead is None:
        out.append(f"  {lab['no_lead']}")
    else:
        for row in lead_rows(analysis.lead, lang):
            quote = f"   «{row.evidence.quote}» ({where(row.evidence)})" if row.evidence else ""
            out.append(f"  {row.label}: {row.value}{quote}")
        signals = signal_rows(analysis.lead)
        out.append(f"  {lab['signals']}: {', '.join(r.label for r in signals) or lab['none']}")
    out += ["", lab["detections"]]
    for d in analysis.detections:
        out.append(f"  {mmss(d.evidence.start_s):>5}  {d.type:<14} {lab.get(d.speaker, d.speaker):<9} «{d.evidence.quote}»"
                   + (f"  [{detection_details(d)}]" if detection_details(d) else ""))
    out += ["", lab["metrics"]]
    out += [f"  {row.label}: {row.value}" for row in metric_rows(analysis.metrics, lang)]
    return "\n".join(out) + "\n"
