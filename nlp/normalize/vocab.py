"""The normalisers' per-language vocabulary (``vocab/<lang>.yaml``), loaded once and validated strictly."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from analyzer.datafile import Regex, StrictModel, load_yaml_model
from analyzer.errors import LexiconError

VOCAB_DIR = Path(__file__).resolve().parent / "vocab"


MonthDay = Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]


class Numbers(StrictModel):
    units: dict[str, int]
    tens: dict[str, int]
    hundreds: dict[str, int]
    multipliers: dict[str, int]
    suffixes: dict[str, int]  # glued to digits: "120к", "5k"
    fractions: dict[str, float]
    plus_half: list[str]
    filler: list[str]
    pair: dict[str, int]  # "пара", "a couple": vague counts
    # a slang word that is a whole number on its own ("полтинник" 50, "сотка" 100); a budget reply reads
    # it in thousands like any bare 10..999 ("бюджет полтинник в месяц" = 50 000)
    slang: dict[str, int] = {}
    ordinals: dict[str, int]


class Money(StrictModel):
    default_currency: str = Field(pattern=r"^[A-Z]{3}$")
    currencies: dict[str, list[Regex]]  # ISO code -> regexes
    periods: dict[Literal["month", "year", "quarter", "one_off"], list[Regex]]


class Dates(StrictModel):
    months: list[Regex] = Field(min_length=12, max_length=12)
    weekdays: list[Regex] = Field(min_length=7, max_length=7)
    seasons: dict[Literal["spring", "summer", "autumn", "winter"], str]
    units: dict[Literal["day", "week", "month", "quarter", "year"], str]
    half_year: str
    this: str
    next: str
    by: str  # "к марту" / "by May": the named month's last day
    before: str  # "до марта" / "before May": the day before the named month
    in_: str = Field(alias="in")
    begin: str
    middle: str
    end: str
    first_half: str  # "в первой половине декабря", "first half of next year"
    second_half: str
    year_half: dict[Literal["h1", "h2"], str]  # "в первом полугодии", "H2": a half of a year on its own
    # a day of the month named alone ("двадцать шестого в два", "Tuesday the 24th"): its ordinal form, the
    # words that may lead it, and the words after it that show it is a date (a weekday before it does too)
    # a self-correction: "не в марте, а в январе" / "not March but January" / "в марте, ой, нет, в январе"
    # names January only
    negation: str
    instead: str
    correction: str
    day_ordinal: str
    day_lead: str
    day_follow: str
    after: str
    within: str
    today: str
    tomorrow: str
    day_after_tomorrow: str
    new_year: str
    holidays: dict[Regex, MonthDay] = Field(default_factory=dict)
    asap: list[Regex]


class Vocab(StrictModel):
    language: Literal["ru", "en"]
    description: str = ""
    numbers: Numbers
    money: Money
    dates: Dates


@lru_cache(maxsize=None)
def load_vocab(language: str) -> Vocab:
    """The vocabulary of ``language`` ("ru" or "en"); other languages fall back to English."""
    lang = language if language in ("ru", "en") else "en"
    return load_yaml_model(VOCAB_DIR / f"{lang}.yaml", Vocab, error=LexiconError)
