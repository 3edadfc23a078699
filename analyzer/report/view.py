"""What a report shows, independent of its format: rows of plain strings in the call's language.

The text, Markdown and HTML renderers only lay these rows out, so all three always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any, Mapping

from pydantic import BaseModel, ConfigDict, RootModel

from analyzer.datafile import load_yaml_model
from analyzer.rubric.checks import mmss
from analyzer.types import Budget, CallAnalysis, Detection, Evidence, ItemResult, LeadRecord, Metrics

LANGUAGES = ("ru", "en")


class _Label(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ru: str
    en: str


class _LabelsFile(RootModel[dict[str, _Label]]):
    pass


@lru_cache(maxsize=1)
def _all_labels() -> Mapping[str, Mapping[str, str]]:
    """``labels.yaml`` as ``{language: {label: text}}`` (validated: every label in every language)."""
    path = files("analyzer.report").joinpath("labels.yaml")
    data = load_yaml_model(str(path), _LabelsFile, text=path.read_text(encoding="utf-8")).root
    return {lang: {key: getattr(label, lang) for key, label in data.items()} for lang in LANGUAGES}


STATUS_MARK = {"pass": "✓", "fail": "✗", "na": "–", "error": "!"}
_SKIP_ATTRIBUTES = {"topic"}


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled value with the quote that supports it (if any)."""

    label: str
    value: str
    evidence: Evidence | None = None


def labels(language: str) -> Mapping[str, str]:
    return _all_labels()[language if language in LANGUAGES else "en"]


def report_language(analysis: CallAnalysis) -> str:
    lang = analysis.grade.language if analysis.grade else analysis.transcript.language
    return lang if lang in LANGUAGES else "en"


def where(ev: Evidence) -> str:
    """``1:12–1:15`` of a quote."""
    return f"{mmss(ev.start_s)}–{mmss(ev.end_s)}"


def item_points(item: ItemResult) -> str:
    return f"{item.points:g}/{item.max_points:g}"


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}".replace(",", " ")


def budget_text(b: Budget, lab: Mapping[str, str]) -> str:
    amount = _money(b.amount) if b.amount is not None else "–".join(filter(None, (_money(b.min), _money(b.max))))
    period = lab.get(b.period, b.period) if b.period else ""
    return " ".join(filter(None, (amount, b.currency or "", period))) or lab["none"]


def lead_rows(lead: LeadRecord, language: str) -> list[Row]:
    """The lead card: each fact with its evidence; absent facts shown as a dash, never guessed."""
    lab, none = labels(language), labels(language)["none"]
    contact = ", ".join(filter(None, (lead.contact.name, lead.contact.company))) or none
    rows = [Row(lab["contact"], contact, lead.contact.evidence),
            Row(lab["budget"], budget_text(lead.budget, lab) if lead.budget else none,
                lead.budget.evidence if lead.budget else None)]
    if lead.authority:
        who = lab.get(lead.authority.decision_maker, lead.authority.decision_maker)
        rows.append(Row(lab["authority"], ", ".join(filter(None, (who, lead.authority.role))), lead.authority.evidence))
    else:
        rows.append(Row(lab["authority"], none))
    rows.append(Row(lab["need"], lead.need.summary if lead.need else none, lead.need.evidence if lead.need else None))
    if lead.timeline:
        when = " · ".join(filter(None, (lead.timeline.date.isoformat() if lead.timeline.date else "", lead.timeline.text)))
        rows.append(Row(lab["timeline"], when or none, lead.timeline.evidence))
    else:
        rows.append(Row(lab["timeline"], none))
    if lead.next_step:
        step = " · ".join(filter(None, (lead.next_step.date.isoformat() if lead.next_step.date else "",
                                        lead.next_step.topic or "")))
        rows.append(Row(lab["next_step"], step or none, lead.next_step.evidence))
    else:
        rows.append(Row(lab["next_step"], none))
    rows += [Row(lab["products"], ", ".join(lead.products_of_interest) or none),
             Row(lab["temperature"], lead.temperature or none),
             Row(lab["category"], lead.category or none),
             Row(lab["status"], lead.status)]
    return rows


def signal_rows(lead: LeadRecord) -> list[Row]:
    return [Row(s.code, s.evidence.quote if s.evidence else "", s.evidence) for s in lead.disqualification_signals]


def detection_details(d: Detection) -> str:
    """The type-specific attributes in one line (``topic=budget, value.amount=100000``)."""
    parts = []
    if d.get("topic"):
        parts.append(f"topic={d.get('topic')}")
    for key, value in d.attributes.items():
        if key in _SKIP_ATTRIBUTES or value is None:
            continue
        parts.append(f"{key}={_short(value)}")
    return ", ".join(parts)


def _short(value: Any) -> str:
    if isinstance(value, Evidence):
        return f"«{value.quote}» ({mmss(value.start_s)})"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items() if v is not None) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def metric_rows(m: Metrics, language: str) -> list[Row]:
    """Per-role metrics as ``manager 46% · client 54%``; scalars as themselves."""
    lab = labels(language)
    rows = []
    for key in ("talk_ratio", "questions", "longest_monologue_s", "interruptions", "words_per_minute"):
        values: Mapping[str, float] = getattr(m, key)
        shown = [f"{lab.get(role, role)} {_metric(key, v)}" for role, v in values.items()]
        rows.append(Row(lab[key], " · ".join(shown)))
    rows.append(Row(lab["silence_share"], f"{m.silence_share:.0%}"))
    rows.append(Row(lab["longest_silence_s"], f"{m.longest_silence_s:g}"))
    return rows


def _metric(key: str, value: float) -> str:
    return f"{value:.0%}" if key == "talk_ratio" else f"{value:g}"
