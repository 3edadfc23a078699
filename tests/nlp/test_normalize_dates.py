"""The date parser against a fixed anchor (Wednesday 18 November 2026), Russian and English."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from nlp.normalize.dates import find_date_values, find_dates, parse_date

ANCHOR = date(2026, 11, 18)

CASES = [
    # (language, text, expected date, expected start)
    ("ru", "к концу квартала", "2026-12-31", "2026-12-01"),
    ("ru", "до конца квартала", "2026-12-31", "2026-12-01"),
    ("ru", "в следующем квартале", "2027-03-31", "2027-01-01"),
    ("ru", "до первого июля", "2027-07-01", "2027-07-01"),
    ("ru", "к 1 июля", "2027-07-01", "2027-07-01"),
    ("ru", "до середины декабря", "2026-12-15", "2026-12-11"),
    ("ru", "в начале марта", "2027-03-10", "2027-03-01"),
    ("ru", "к концу апреля, до жары", "2027-04-30", "2027-04-21"),
    ("ru", "в следующем месяце", "2026-12-31", "2026-12-01"),
    ("ru", "в этом месяце", "2026-11-30", "2026-11-01"),
    ("ru", "через две недели", "2026-12-02", "2026-11-18"),
    ("ru", "через неделю", "2026-11-25", "2026-11-18"),
    ("ru", "через пару месяцев", "2027-01-18", "2026-11-18"),
    ("ru", "через полгода", "2027-05-18", "2026-11-18"),
    ("ru", "в течение месяца", "2026-12-18", "2026-11-18"),
    ("ru", "во втором квартале", "2027-06-30", "2027-04-01"),
    ("ru", "в первом квартале следующего года", "2027-03-31", "2027-01-01"),
    ("ru", "к десятому января", "2027-01-10", "2027-01-10"),
    ("ru", "до двадцать пятого декабря", "2026-12-25", "2026-12-25"),
    ("ru", "пятнадцатое января крайний срок", "2027-01-15", "2027-01-15"),
    ("ru", "в январе после праздников", "2027-01-31", "2027-01-01"),
    ("ru", "к сентябрю", "2027-09-30", None),
    ("ru", "до марта", "2027-02-28", None),
    ("en", "by May", "2027-05-31", None),
    ("en", "before May", "2027-04-30", None),
    ("ru", "к концу года", "2026-12-31", "2026-10-01"),
    ("ru", "до нового года", "2026-12-31", "2026-11-18"),
    ("ru", "в следующем году", "2027-12-31", "2027-01-01"),
    ("ru", "в начале следующего года", "2027-03-31", "2027-01-01"),
    ("ru", "следующей весной", "2027-05-31", "2027-03-01"),
    ("ru", "к лету", "2027-08-31", None),
    ("ru", "до лета", "2027-05-31", None),
    ("en", "by next fall", "2027-11-30", None),
    ("ru", "на следующей неделе", "2026-11-29", "2026-11-23"),
    ("ru", "до конца недели", "2026-11-20", "2026-11-19"),
    ("ru", "в пятницу", "2026-11-20", "2026-11-20"),
    ("ru", "в понедельник", "2026-11-23", "2026-11-23"),
    ("ru", "завтра", "2026-11-19", "2026-11-19"),
    ("ru", "послезавтра", "2026-11-20", "2026-11-20"),
    ("ru", "01.07", "2027-07-01", "2027-07-01"),
    ("ru", "растаможить нужно до десятого, у нас бригада", "2026-12-10", "2026-12-10"),
    ("ru", "к 25-му числу", "2026-11-25", "2026-11-25"),
    ("en", "by the 30th", "2026-11-30", "2026-11-30"),
    ("ru", "в 2027 году", "2027-12-31", "2027-01-01"),
    ("en", "by the end of the quarter", "2026-12-31", "2026-12-01"),
    ("en", "next quarter", "2027-03-31", "2027-01-01"),
    ("en", "Q2", "2027-06-30", "2027-04-01"),
    ("en", "before Q3", "2027-06-30", None),
    ("en", "end of Q1 next year", "2027-03-31", "2027-03-01"),
    ("en", "by July 1st", "2027-07-01", "2027-07-01"),
    ("en", "the first of July", "2027-07-01", "2027-07-01"),
    ("en", "by November twenty-seventh", "2026-11-27", "2026-11-27"),
    ("en", "mid-December", "2026-12-15", "2026-12-11"),
    ("en", "by the middle of December", "2026-12-15", "2026-12-11"),
    ("en", "next month", "2026-12-31", "2026-12-01"),
    ("en", "in two weeks", "2026-12-02", "2026-11-18"),
    ("en", "in a couple of weeks", "2026-12-02", "2026-11-18"),
    ("en", "within three months", "2027-02-18", "2026-11-18"),
    ("en", "next spring", "2027-05-31", "2027-03-01"),
    ("en", "in the fall", "2026-11-30", "2026-09-01"),
    ("en", "by the end of the year", "2026-12-31", "2026-10-01"),
    ("en", "early next year", "2027-03-31", "2027-01-01"),
    ("en", "in March", "2027-03-31", "2027-03-01"),
    ("en", "next week", "2026-11-29", "2026-11-23"),
    ("en", "next Friday", "2026-11-27", "2026-11-27"),
    ("en", "on Monday", "2026-11-23", "2026-11-23"),
    ("en", "tomorrow", "2026-11-19", "2026-11-19"),
    ("en", "7/1", "2027-07-01", "2027-07-01"),
    ("en", "by 2028", "2028-01-01", None),
    # halves of a year or a month
    ("ru", "в первой половине следующего года", "2027-06-30", "2027-01-01"),
    ("ru", "в первом полугодии", "2027-06-30", "2027-01-01"),
    ("ru", "в первой половине декабря", "2026-12-15", "2026-12-01"),
    ("en", "first half of next year", "2027-06-30", "2027-01-01"),
    ("en", "sometime in H2 2027", "2027-12-31", "2027-07-01"),
    # month ranges
    ("ru", "в марте-апреле", "2027-04-30", "2027-03-01"),
    ("ru", "с марта по май", "2027-05-31", "2027-03-01"),
    ("en", "between March and April", "2027-04-30", "2027-03-01"),
    # a day of the month named alone
    ("ru", "в четверг, двадцать шестого", "2026-11-26", "2026-11-26"),
    ("ru", "давайте двадцать шестого в два", "2026-11-26", "2026-11-26"),
    ("ru", "удобно третьего?", "2026-12-03", "2026-12-03"),
    ("en", "would Tuesday the 24th at eleven work", "2026-11-24", "2026-11-24"),
    ("en", "on the twenty-fourth", "2026-11-24", "2026-11-24"),
    ("ru", "пятнадцатого созваниваемся", "2026-12-15", "2026-12-15"),
]


@pytest.mark.parametrize("language, text, expected", [
    ("ru", "запуск у нас не в марте, а в январе", ["2027-01-31"]),
    ("ru", "не к марту, а уже к февралю", ["2027-02-28"]),
    ("en", "not in March, it is January", ["2027-01-31"]),
    ("ru", "в марте или в январе", ["2027-03-31", "2027-01-31"]),  # alternatives, no correction
    ("ru", "с марта… ой, нет, не с марта, с января", ["2027-01-31"]),
    ("ru", "в феврале, точнее в начале марта", ["2027-03-10"]),
    ("en", "late february no wait its mid march", ["2027-03-15"]),
])
def test_a_negated_date_the_next_one_corrects_is_dropped(language, text, expected):
    assert [d.isoformat() for d in find_dates(text, language=language, anchor=ANCHOR)] == expected


@pytest.mark.parametrize("language, text, expected", [
    ("ru", "на следующей неделе, давайте в субботу", ["2026-11-28"]),
    ("en", "next week, say Saturday?", ["2026-11-28"]),
    ("en", "next week is busy, but this Friday works", ["2026-11-29", "2026-11-20"]),  # a contrast: two days
])
def test_a_weekday_after_a_week_is_that_week_s_day(language, text, expected):
    assert [d.isoformat() for d in find_dates(text, language=language, anchor=ANCHOR)] == expected


@pytest.mark.parametrize("text, expected", [
    ("На двадцать шестое декабря, это суббота", ["2026-12-26"]),
    ("в пятницу, четвёртого декабря", ["2026-12-04"]),
    ("к 1 декабря, а в пятницу созвонимся", ["2026-12-01", "2026-11-20"]),  # a different day: two dates
])
def test_a_weekday_that_names_the_day_of_a_date_is_no_second_date(text, expected):
    assert [d.isoformat() for d in find_dates(text, language="ru", anchor=ANCHOR)] == expected


@pytest.mark.parametrize("language, text, expected, start", CASES)
def test_dates_resolve_to_the_last_day_of_the_period(language, text, expected, start):
    value = parse_date(text, language, ANCHOR)
    assert value is not None, text
    assert value.date == date.fromisoformat(expected)
    assert (value.start.isoformat() if value.start else None) == start
    assert text[value.char_start:value.char_end] == value.text


@pytest.mark.parametrize("language, text", [
    ("ru", "пять лет работаем"), ("ru", "двенадцать человек в двух салонах"), ("ru", "сто тысяч в месяц"),
    ("ru", "1.5 миллиона"), ("en", "prices may fall"), ("en", "we march on"), ("en", "about ten grand a month"),
    ("en", "1.5 million"), ("ru", "в среднем"), ("en", "the year we started"), ("ru", "до 10 человек"),
    ("ru", "к первому этапу"), ("ru", "второго менеджера наняли"), ("en", "our 5th store opened"),
    ("en", "the fourth option is fine"),
])
def test_no_date_in_plain_numbers_and_ordinary_words(language, text):
    assert find_dates(text, language=language, anchor=ANCHOR) == []


@pytest.mark.parametrize("language, text", [("ru", "нужно срочно"), ("ru", "как можно скорее"), ("en", "asap"),
                                            ("en", "we need it yesterday"), ("ru", "чем быстрее, тем лучше")])
def test_urgency_keeps_the_words_but_invents_no_date(language, text):
    value = parse_date(text, language, ANCHOR)
    assert value is not None and value.urgent and value.date is None
    assert value.as_value()["text"] == value.text and value.as_value()["date"] is None


def test_a_precise_date_beats_urgency_and_a_datetime_anchor_works():
    when = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)
    value = parse_date("чем быстрее, тем лучше, ну до двадцатого декабря хотя бы", "ru", when)
    assert value.date == date(2026, 12, 20)
    assert find_dates("созвонимся в пятницу", language="ru", anchor=when) == [date(2026, 11, 27)]


def test_a_date_already_past_this_year_means_next_year():
    assert parse_date("к первому марта", "ru", date(2026, 3, 5)).date == date(2027, 3, 1)
    assert parse_date("by March 10", "en", date(2026, 3, 5)).date == date(2026, 3, 10)


def test_several_dates_in_text_order():
    values = find_date_values("можно в понедельник, во вторник или в среду", "ru", ANCHOR)
    assert [v.date for v in values] == [date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)]
    corrected = find_date_values("не в понедельник, а во вторник или в среду", "ru", ANCHOR)
    assert [v.date for v in corrected] == [date(2026, 11, 24), date(2026, 11, 25)]
