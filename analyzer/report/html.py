"""The HTML report: one self-contained file (inline CSS, no scripts, no external assets) a coach opens in a browser.

Everything from the call is escaped; quotes link to their utterance in the transcript, where the
quoted spans are highlighted.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from importlib.resources import files
from string import Template

from analyzer.report.view import (detection_details, item_points, labels, lead_rows, metric_rows, report_language,
                                  signal_rows, where)
from analyzer.rubric.checks import mmss
from analyzer.types import CallAnalysis, Evidence, LeadRecord, RubricResult, Transcript

_PILLS = {"temperature", "category", "status"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _quote(ev: Evidence) -> str:
    return (f'<a class="quote" href="#u{ev.utterance}">«{_e(ev.quote)}»'
            f'<time>{_e(where(ev))}</time></a>')


def _score_color(score: float) -> str:
    return "var(--pass)" if score >= 80 else "var(--error)" if score >= 50 else "var(--fail)"


def _header(a: CallAnalysis, lab: dict) -> str:
    g = a.grade
    score = g.score if g else 0.0
    counts = Counter(i.status for i in g.items) if g else Counter()
    chips = "".join(f'<span class="chip {s}">{_e(lab[s])}: {counts[s]}</span>'
                    for s in ("pass", "fail", "na", "error") if counts[s])
    rubric = f" · {_e(lab['rubric'])} {_e(g.rubric)}@{g.rubric_version}" if g else ""
    shown = f"{score:g}" if g else "—"
    return (f'<header class="top"><div class="score" style="--score:{score:g};--score-color:{_score_color(score)}">'
            f"<span>{shown}<small>/ 100</small></span></div><div><h1>{_e(lab['report'])}: {_e(a.call_id or '')}</h1>"
            f'<div class="meta">{_e(lab["duration"])} {mmss(a.transcript.end_s)}{rubric}</div>'
            f'<div class="chips">{chips}</div></div></header>')


def _items(g: RubricResult | None, lab: dict) -> str:
    if g is None:
        return f'<div class="card">{_e(lab["no_grade"])}</div>'
    out = []
    for item in g.items:
        quotes = "".join(_quote(ev) for ev in item.evidence[:3])
        tip = f'<div class="tip"><b>{_e(lab["tip"])}:</b> {_e(item.tip)}</div>' if item.tip else ""
        message = f"<p>{_e(item.message)}</p>" if item.message else ""
        out.append(f'<section class="item {item.status}" id="item-{_e(item.id)}"><div class="head">'
                   f'<span class="title">{_e(item.title or item.id)}</span>'
                   f'<span class="badge {item.status}">{_e(lab[item.status])}</span>'
                   f'<span class="pts">{item_points(item)}</span></div>{message}{quotes}{tip}</section>')
    return "".join(out)


def _lead(lead: LeadRecord | None, lang: str, lab: dict) -> str:
    if lead is None:
        return f'<div class="card">{_e(lab["no_lead"])}</div>'
    rows = []
    pill_labels = {lab[k] for k in _PILLS}
    for row in lead_rows(lead, lang):
        value = (f'<span class="pill {_e(row.value)}">{_e(row.value)}</span>' if row.label in pill_labels
                 else _e(row.value))
        quote = _quote(row.evidence) if row.evidence else ""
        rows.append(f"<dt>{_e(row.label)}</dt><dd>{value}{quote}</dd>")
    signals = "".join(f'<span class="signal" title="{_e(r.value)}">{_e(r.label)}</span>' for r in signal_rows(lead))
    rows.append(f"<dt>{_e(lab['signals'])}</dt><dd>{signals or _e(lab['none'])}</dd>")
    return f'<div class="card"><dl class="lead">{"".join(rows)}</dl></div>'


def _metrics(a: CallAnalysis, lang: str, lab: dict) -> str:
    talk = a.metrics.talk_ratio
    bar = (f'<div class="bar"><i class="m" style="width:{talk.get("manager", 0) * 100:.1f}%"></i>'
           f'<i class="c" style="width:{talk.get("client", 0) * 100:.1f}%"></i></div>')
    rows = "".join(f"<tr><td>{_e(r.label)}</td><td>{_e(r.value)}{bar if i == 0 else ''}</td></tr>"
                   for i, r in enumerate(metric_rows(a.metrics, lang)))
    return f'<div class="card"><table>{rows}</table></div>'


def _detections(a: CallAnalysis, lab: dict) -> str:
    head = "".join(f"<th>{_e(lab[k])}</th>" for k in ("time", "type", "speaker", "quote", "details"))
    rows = "".join(
        f'<tr><td><a href="#u{d.evidence.utterance}">{mmss(d.evidence.start_s)}</a></td><td><code>{_e(d.type)}</code></td>'
        f"<td>{_e(lab.get(d.speaker, d.speaker))}</td><td>{_e(d.evidence.quote)}</td>"
        f'<td class="details">{_e(detection_details(d))}</td></tr>' for d in a.detections)
    return f'<div class="card"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def _highlighted(text: str, spans: list[tuple[int, int]]) -> str:
    """The utterance text escaped, with the (merged) evidence spans wrapped in ``<mark>``."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif end > start:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out += [_e(text[pos:start]), f"<mark>{_e(text[start:end])}</mark>"]
        pos = end
    out.append(_e(text[pos:]))
    return "".join(out)


def _transcript(t: Transcript, evidence: list[Evidence], lab: dict) -> str:
    spans: dict[int, list[tuple[int, int]]] = {}
    for ev in evidence:
        spans.setdefault(ev.utterance, []).append((ev.char_start, ev.char_end))
    rows = "".join(
        f'<div class="u {u.speaker}" id="u{i}"><div class="who"><b>{_e(lab.get(u.speaker, u.speaker))}</b>'
        f"{mmss(u.start_s)}</div><div>{_highlighted(u.text, spans.get(i, []))}</div></div>"
        for i, u in enumerate(t.utterances))
    return f'<div class="card transcript">{rows}</div>'


def render_html(analysis: CallAnalysis) -> str:
    """The whole report as one HTML document."""
    lang = report_language(analysis)
    lab = dict(labels(lang))
    evidence = [d.evidence for d in analysis.detections]
    if analysis.grade:
        evidence += [ev for item in analysis.grade.items for ev in item.evidence]
    versions = " · ".join(f"{k}: {v}" for k, v in analysis.versions.items() if v)
    body = (_header(analysis, lab)
            + f'<div class="grid"><div><h2>{_e(lab["items"])}</h2>{_items(analysis.grade, lab)}</div>'
            f'<div><h2>{_e(lab["lead"])}</h2>{_lead(analysis.lead, lang, lab)}'
            f'<h2>{_e(lab["metrics"])}</h2>{_metrics(analysis, lang, lab)}</div></div>'
            f'<h2>{_e(lab["detections"])}</h2>{_detections(analysis, lab)}'
            f'<h2>{_e(lab["transcript"])}</h2>{_transcript(analysis.transcript, evidence, lab)}'
            f"<footer>{_e(versions)}</footer>")
    template = Template(files("analyzer.report").joinpath("template.html").read_text(encoding="utf-8"))
    return template.substitute(lang=_e(lang), title=_e(f"{lab['report']}: {analysis.call_id or ''}"), body=body)
