"""The Markdown report (for tickets, wikis and chat): the text report's content as tables and lists."""

from __future__ import annotations

from analyzer.report.view import (STATUS_MARK, detection_details, item_points, labels, lead_rows, metric_rows,
                                  report_language, signal_rows, where)
from analyzer.rubric.checks import mmss
from analyzer.types import CallAnalysis


def _cell(text: str) -> str:
    """Markdown table cell: pipes and newlines would break the table."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(analysis: CallAnalysis) -> str:
    """A Markdown report in the call's language."""
    lang = report_language(analysis)
    lab = labels(lang)
    g = analysis.grade
    out = [f"# {lab['report']}: {_cell(analysis.call_id or '')}", "",
           f"{lab['duration']}: {mmss(analysis.transcript.end_s)}"]
    if g is None:
        out.append(f"**{lab['score']}:** {lab['no_grade']}")
    else:
        out += [f"**{lab['score']}: {g.score:g} / {g.max_score:g}** ({lab['rubric']} `{g.rubric}@{g.rubric_version}`)",
                "", f"## {lab['items']}", ""]
        for item in g.items:
            out.append(f"- {STATUS_MARK[item.status]} **{_cell(item.title or item.id)}** "
                       f"— {lab[item.status]}, {item_points(item)}")
            if item.message:
                out.append(f"  - {_cell(item.message)}")
            out += [f"  - > «{_cell(ev.quote)}» ({where(ev)})" for ev in item.evidence[:3]]
            if item.tip:
                out.append(f"  - *{lab['tip']}:* {_cell(item.tip)}")
    out += ["", f"## {lab['lead']}", ""]
    if analysis.lead is None:
        out.append(lab["no_lead"])
    else:
        out += ["| | |", "|---|---|"]
        for row in lead_rows(analysis.lead, lang):
            quote = f" — «{_cell(row.evidence.quote)}» ({where(row.evidence)})" if row.evidence else ""
            out.append(f"| {row.label} | {_cell(row.value)}{quote} |")
        signals = ", ".join(f"`{r.label}`" for r in signal_rows(analysis.lead)) or lab["none"]
        out.append(f"| {lab['signals']} | {signals} |")
    out += ["", f"## {lab['detections']}", "",
            f"| {lab['time']} | {lab['type']} | {lab['speaker']} | {lab['quote']} | {lab['details']} |",
            "|---|---|---|---|---|"]
    out += [f"| {mmss(d.evidence.start_s)} | `{d.type}` | {lab.get(d.speaker, d.speaker)} | {_cell(d.evidence.quote)} "
            f"| {_cell(detection_details(d))} |" for d in analysis.detections]
    out += ["", f"## {lab['metrics']}", "", "| | |", "|---|---|"]
    out += [f"| {row.label} | {row.value} |" for row in metric_rows(analysis.metrics, lang)]
    out += ["", f"## {lab['transcript']}", ""]
    out += [f"- `{mmss(u.start_s)}` **{lab.get(u.speaker, u.speaker)}:** {_cell(u.text)}"
            for u in analysis.transcript.utterances]
    return "\n".join(out) + "\n"
