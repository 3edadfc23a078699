"""A budget as yearly roubles, the unit the category thresholds are written in."""

from __future__ import annotations

from analyzer.lead.values import value_of
from analyzer.settings import Settings
from analyzer.types import Budget
from nlp.facts import yearly_range


# CONTRACTS.md: an unnamed currency is the call language's usual one ("сто тысяч", "fifty grand")
LANGUAGE_CURRENCY = {"ru": "RUB", "en": "USD"}


def rub_rate(currency: str, settings: Settings) -> float | None:
    """Roubles per unit of ``currency``; None for a currency without a configured rate."""
    rates = {"RUB": 1.0, "USD": settings.usd_rub_rate, "EUR": settings.eur_rub_rate}
    return rates.get(currency.upper())


def yearly_rub(budget: Budget | None, settings: Settings, language: str | None = None) -> float | None:
    """The budget's lower yearly bound in roubles (monthly x 12, one-off as is); None when not comparable.

    The lower bound is what the client has committed to; a range's top is a hope.
    """
    if budget is None:
        return None
    bounds = yearly_range(value_of(budget))
    rate = rub_rate(budget.currency or LANGUAGE_CURRENCY.get(language or "", "RUB"), settings)
    if bounds is None or rate is None:
        return None
    return bounds[0] * rate
