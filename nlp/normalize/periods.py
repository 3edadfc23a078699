"""Calendar arithmetic for the date parser: period bounds, parts of periods, next occurrences."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
PARTS = ("begin", "middle", "end", "h1", "h2")  # h1 / h2: the first and the second half
PART_OF_MONTH = {"begin": (1, 10), "middle": (11, 15), "end": (21, None), "h1": (1, 15), "h2": (16, None)}  # (first day, last day or month end)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the target month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_units(day: date, unit: str, count: float) -> date:
    if unit == "day":
        return day + timedelta(days=round(count))
    if unit == "week":
        return day + timedelta(days=round(7 * count))
    months = {"month": 1, "quarter": 3, "year": 12}[unit] * count
    whole = int(months)
    moved = add_months(day, whole)
    return moved + timedelta(days=round((months - whole) * 30))


def month_part(year: int, month: int, part: str | None) -> tuple[date, date]:
    """(start, end) of a month or of its beginning / middle / end / half."""
    if part is None:
        return date(year, month, 1), month_end(year, month)
    first, last = PART_OF_MONTH[part]
    return date(year, month, first), date(year, month, last) if last else month_end(year, month)


def period(anchor: date, unit: str, offset: int) -> tuple[date, date]:
    """(start, end) of the week / month / quarter / year ``offset`` periods from the one holding ``anchor``."""
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = add_months(anchor.replace(day=1), offset)
        return first, month_end(first.year, first.month)
    if unit == "quarter":
        q_first = date(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 1)
        first = add_months(q_first, 3 * offset)
        last = add_months(first, 2)
        return first, month_end(last.year, last.month)
    year = anchor.year + offset
    return date(year, 1, 1), date(year, 12, 31)


def part_of(start: date, end: date, unit: str, part: str | None) -> tuple[date, date]:
    """The beginning / middle / end of a period (thirds; a week ends on Friday, its working end) or its
    first / second half."""
    if part is None:
        return start, end
    if unit == "week":
        days = {"begin": (0, 1), "middle": (2, 2), "end": (3, 4), "h1": (0, 2), "h2": (3, 4)}[part]
        return start + timedelta(days=days[0]), start + timedelta(days=days[1])
    if unit == "month":
        return month_part(start.year, start.month, part)
    if part in ("h1", "h2"):
        middle = add_months(start, 6) - timedelta(days=1) if unit == "year" else start + (end - start) // 2
        return (start, middle) if part == "h1" else (middle + timedelta(days=1), end)
    months = 1 if unit == "quarter" else 3  # a quarter's part is a month, a year's part a quarter
    index = {"begin": 0, "middle": 1, "end": 2}[part]
    if unit == "year" and part == "end":
        index = 3
    if unit == "year" and part == "middle":
        first = date(start.year, 4, 1)
        return first, date(start.year, 6, 30)
    first = add_months(start, months * index)
    last = add_months(first, months - 1)
    return first, month_end(last.year, last.month)


def season(anchor: date, name: str, following: bool) -> tuple[date, date]:
    """(start, end) of the season ``name``: the current or coming one, or with ``following`` the next to start."""
    month = SEASON_START[name]
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        start = date(year, month, 1)
        end_month = add_months(start, 2)
        end = month_end(end_month.year, end_month.month)
        if (following and start > anchor) or (not following and end >= anchor):
            return start, end
    start = date(anchor.year + 1, month, 1)
    return start, add_months(start, 3) - timedelta(days=1)


def next_month_occurrence(anchor: date, month: int) -> int:
    """The year of the named month's next occurrence (this month counts as upcoming)."""
    return anchor.year if month >= anchor.month else anchor.year + 1


def next_day_occurrence(anchor: date, month: int, day: int) -> date | None:
    """The next ``day``.``month`` on or after the anchor (else next year); None when no such day."""
    for year in (anchor.year, anchor.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found >= anchor:
            return found
    return None


def next_weekday(anchor: date, weekday: int, *, next_week: bool = False) -> date:
    """The coming ``weekday`` (0 = Monday) after the anchor; with ``next_week`` the one in next week."""
    if next_week:
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=1)
        return monday + timedelta(days=weekday)
    ahead = (weekday - anchor.weekday()) % 7 or 7
    return anchor + timedelta(days=ahead)
