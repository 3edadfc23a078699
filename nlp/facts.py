"""Whether two statements of the same client fact conflict.

One function serves the in-call contradiction detector and the cross-call lead merge, so
"do these budgets disagree?" has exactly one answer everywhere. Values are the ``bant.answer``
value dicts of CONTRACTS.md (budget: amount/min/max/currency/period or ``none``; authority:
decision_maker; timeline: date/end as ISO strings; need: summary or ``denied``). Authority conflicts
are "self" against "other" or "joint" (a client who said they decide alone); "joint" against "other"
is a refinement, not a conflict.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

BUDGET_TOLERANCE = 0.3  # amounts within 30 % of each other (after normalisation) agree
TIMELINE_TOLERANCE_DAYS = 45  # a deadline moved by more than this is a real change
_PER_YEAR = {"month": 12.0, "year": 1.0}


def yearly_range(value: Mapping[str, Any], other_period: str | None = None) -> tuple[float, float] | None:
    """A budget as a (low, high) yearly amount; an unstated period borrows the other statement's."""
    low = value.get("min") if value.get("amount") is None else value.get("amount")
    high = value.get("max") if value.get("amount") is None else value.get("amount")
    low = high if low is None else low
    high = low if high is None else high
    if low is None:
        return None
    period = value.get("period") or other_period
    factor = _PER_YEAR.get(period or "", 1.0)
    return float(low) * factor, float(high) * factor


def _budgets_conflict(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    if bool(a.get("none")) != bool(b.get("none")):
        return True
    if a.get("currency") and b.get("currency") and a["currency"] != b["currency"]:
        return False  # different currencies: no basis to compare here
    if "one_off" in (a.get("period"), b.get("period")) and a.get("period") != b.get("period"):
        return False  # a one-off price and a running budget measure different things
    ra, rb = yearly_range(a, b.get("period")), yearly_range(b, a.get("period"))
    if ra is None or rb is None:
        return False
    if ra[0] <= rb[1] * (1 + BUDGET_TOLERANCE) and rb[0] <= ra[1] * (1 + BUDGET_TOLERANCE):
        return False  # the ranges overlap within the tolerance
    return True


def to_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _timelines_conflict(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    da, db = to_date(a.get("date") or a.get("end")), to_date(b.get("date") or b.get("end"))
    return da is not None and db is not None and abs((da - db).days) > TIMELINE_TOLERANCE_DAYS


def conflicts(topic: str, earlier: Mapping[str, Any], later: Mapping[str, Any]) -> bool:
    """True when ``later`` contradicts ``earlier`` for the BANT ``topic``."""
    if topic == "budget":
        return _budgets_conflict(earlier, later)
    if topic == "authority":  # deciding alone vs someone else deciding, or alone vs together
        return {earlier.get("decision_maker"), later.get("decision_maker")} in ({"self", "other"}, {"self", "joint"})
    if topic == "timeline":
        return _timelines_conflict(earlier, later)
    if topic == "need":
        return bool(later.get("denied")) and not earlier.get("denied")
    return False
