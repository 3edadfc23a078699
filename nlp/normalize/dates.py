"""Dates in what people say, resolved against the call's date: "к концу квартала", "до первого июля",
"до середины декабря", "через две недели", "next spring", "Q2", "by the end of the year", "asap".

A named period resolves to its LAST day (``date``) with ``start``/``end`` bounds: "в марте" -> 31 March,
"next spring" -> 31 May, "к сентябрю" / "by May" -> that month's last day, "до марта" / "before May" -> the
day before that month; "к лету" / "by summer" -> the day before the season.
Urgency ("срочно", "asap") names no period: ``date`` is None, ``urgent`` True and the words kept in ``text``
(a guessed offset would be an invented fact). Calendar words are data (``vocab/<lang>.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from nlp.language import normalize
from nlp.normalize.date_rules import VAGUE_RANK, WEEKDAY_RANK, Found, calendar_words, rules_for
from nlp.normalize.vocab import load_vocab

DESCRIBED_DAY_GAP = 15  # characters between a date and a weekday that names its day ("26 декабря, это суббота")
CORRECTION_GAP = 30  # characters between a date and the one that corrects it ("..., ой, нет, ...")
WEEK_DAY_GAP = 40  # characters between a week and the weekday that picks its day ("next week, say Saturday")


@dataclass(frozen=True, slots=True)
class DateValue:
    date: date | None  # the last day of the period named (None for bare urgency)
    start: date | None
    end: date | None
    text: str  # the words that named it
    char_start: int
    char_end: int
    urgent: bool = False
    vague: bool = False  # a weekday or "tomorrow": usually a meeting, not a deadline

    def as_value(self) -> dict[str, object]:
        """The CONTRACTS.md timeline value: ISO dates and the text."""
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        out: dict[str, object] = {"date": iso(self.date), "start": iso(self.start), "end": iso(self.end),
                                  "text": self.text}
        if self.urgent:
            out["urgent"] = True
        return out


def anchor_date(anchor: date | datetime | None) -> date:
    """The day relative dates count from: the call's start, else today."""
    if isinstance(anchor, datetime):
        return anchor.date()
    return anchor if isinstance(anchor, date) else date.today()


def find_date_values(text: str, language: str, anchor: date | datetime | None = None) -> list[DateValue]:
    """Every date or period named in ``text``, in text order, overlapping readings resolved
    (the longest wins, then the more specific rule)."""
    day = anchor_date(anchor)
    norm = normalize(text)
    if not calendar_words(language).search(norm):
        return []
    found: list[Found] = []
    for rank, rule in enumerate(rules_for(language)):
        found.extend(f._replace(rank=max(rank, f.rank)) for f in rule(norm, day))
    chosen: list[Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.rank, f.start)):
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    chosen.sort(key=lambda f: f.start)
    chosen = _days_of_weeks(chosen, norm, language)
    chosen = [f for k, f in enumerate(chosen)
              if not any(_names_day_of(f, other) for other in chosen[max(0, k - 1):k + 2] if other is not f)
              and not (k + 1 < len(chosen) and _corrected(norm, f, chosen[k + 1], language))]
    return [DateValue(f.date, f.first, f.last, text[f.start:f.end], f.start, f.end, f.urgent, f.rank >= VAGUE_RANK)
            for f in chosen]


def _days_of_weeks(found: list[Found], norm: str, language: str) -> list[Found]:
    """ "на следующей неделе, в среду", "next week, say Saturday": the weekday is that week's day and
    replaces the week (not when the weekday has its own "this"/"next" or comes after "а", "but")."""
    d = load_vocab(language).dates
    out: list[Found] = []
    for f in found:
        week = out[-1] if out else None
        if (week is not None and f.rank == WEEKDAY_RANK and f.date is not None and week.first is not None
                and week.date is not None and (week.date - week.first).days == 6 and week.first.weekday() == 0
                and f.start - week.end <= WEEK_DAY_GAP
                and not re.search(rf"(?<!\w)(?:{d.this}|{d.next}|{d.instead})(?!\w)", norm[week.end:f.end])):
            day = week.first + timedelta(days=f.date.weekday())
            out[-1] = Found(week.start, f.end, day, day, day)
        else:
            out.append(f)
    return out


def _corrected(norm: str, said: Found, then: Found, language: str) -> bool:
    """A date the next one replaces is no date of the speaker's: negated ("не в марте, а в январе", "не с
    марта, с января") or taken back ("в феврале, ой, нет, в марте", "late february no wait mid march")."""
    d = load_vocab(language).dates
    between = norm[said.end:then.start]
    negated = re.search(rf"(?<!\w)(?:{d.negation})\s*,?\s*(?:\w{{1,2}}\s+)?$", norm[:said.start]) and re.fullmatch(
        rf"\s*(?:[,;—–-]\s*(?:(?:{d.instead})\s+)?|(?:{d.instead})\s+)(?:\w{{1,2}}\s+)?", between)
    taken_back = len(between) <= CORRECTION_GAP and re.search(rf"(?<!\w)(?:{d.correction})(?!\w)", between)
    return bool(negated or taken_back)


def _names_day_of(weekday: Found, day: Found) -> bool:
    """A weekday next to a one-day date that falls on it describes that date, it is no second one."""
    gap = weekday.start - day.end if weekday.start >= day.end else day.start - weekday.end
    return (weekday.rank == WEEKDAY_RANK and day.rank != WEEKDAY_RANK and day.date is not None
            and weekday.date is not None and day.first in (None, day.date)
            and day.date.weekday() == weekday.date.weekday() and 0 <= gap <= DESCRIBED_DAY_GAP)


def parse_date(text: str, language: str, anchor: date | datetime | None = None) -> DateValue | None:
    """The main date of ``text`` (see ``main_date``)."""
    return main_date(find_date_values(text, language, anchor), anchor_date(anchor))


def main_date(values: list[DateValue], anchor: date) -> DateValue | None:
    """The first period or day named, narrowed when a later one refines it ("весной, в апреле" -> April;
    "before the new year, so by December 15th" -> 15 December); a weekday or "tomorrow" only when nothing
    firmer is said, an urgency word only when no date is."""
    dated = [v for v in values if v.date is not None]
    firm = [v for v in dated if not v.vague] or dated
    if not firm:
        return values[0] if values else None
    best = firm[0]
    for later in firm[1:]:
        low, high = best.start or anchor, best.end or best.date
        if low <= (later.start or later.date) and later.date <= high and later.date < best.date:
            best = later
    return best


def find_dates(text: str, *, language: str, anchor: date | datetime | None = None) -> list[date]:
    """The dates named in ``text`` (last day of each period), in text order; urgency words give none."""
    return [v.date for v in find_date_values(text, language, anchor) if v.date is not None]
