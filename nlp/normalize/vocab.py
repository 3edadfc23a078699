"""The normalisers' per-language vocabulary (``vocab/<lang>.yaml``), loaded once and validated strictly."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from analyzer.datafile import StrictModel, load_yaml_model
from analyzer.errors import LexiconError

VOCAB_DIR = Path(__file__).resolve().parent / "vocab"


def _check_regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as e:
        raise ValueError(f"invalid regular expression {value!r}: {e}") from e
    return value


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
    ordinals: dict[str, int]


class Money(StrictModel):
    default_currency: str = Field(pattern=r"^[A-Z]{3}$")
    currencies: dict[str, list[str]]  # ISO code -> regexes
    periods: dict[Literal["month", "year", "quarter", "one_off"], list[str]]

    @field_validator("currencies", "periods")
    @classmethod
    def _regexes(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for items in value.values():
            for item in items:
                _check_regex(item)
        return value


class Dates(StrictModel):
    months: list[str] = Field(min_length=12, max_length=12)
    weekdays: list[str] = Field(min_length=7, max_length=7)
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
    after: str
    within: str
    today: str
    tomorrow: str
    day_after_tomorrow: str
    new_year: str
    holidays: dict[str, str] = Field(default_factory=dict)  # regex -> "MM-DD"
    asap: list[str]

    @field_validator("holidays")
    @classmethod
    def _holidays(cls, value: dict[str, str]) -> dict[str, str]:
        for pattern, day in value.items():
            _check_regex(pattern)
            if not re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", day):
                raise ValueError(f"holiday {pattern!r}: {day!r} is not MM-DD")
        return value

    @field_validator("months", "weekdays", "asap")
    @classmethod
    def _list_regexes(cls, value: list[str]) -> list[str]:
        for item in value:
            _check_regex(item)
        return value


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
