"""Spoken numbers and money: slang, ranges, periods, currencies, counts that are not money (ru and en)."""

from __future__ import annotations

import pytest

from nlp.normalize.money import find_money, parse_money
from nlp.normalize.numbers import find_numbers, word_number


@pytest.mark.parametrize("language, text, value", [
    ("ru", "сто двадцать тысяч", 120_000),
    ("ru", "полтора миллиона", 1_500_000),
    ("ru", "полутора миллионов", 1_500_000),
    ("ru", "миллион двести", 1_200_000),
    ("ru", "два миллиона триста", 2_300_000),
    ("ru", "120к", 120_000),
    ("ru", "120 тыс", 120_000),
    ("ru", "5 косарей", 5_000),
    ("ru", "полтора ляма", 1_500_000),
    ("ru", "полмиллиона", 500_000),
    ("ru", "три с половиной миллиона", 3_500_000),
    ("ru", "тысяча пятьсот", 1_500),
    ("ru", "тысяч двести", 200_000),
    ("ru", "двухсот пятидесяти тысяч", 250_000),
    ("ru", "1 200 000", 1_200_000),
    ("ru", "1,5 млн", 1_500_000),
    ("en", "a hundred and twenty thousand", 120_000),
    ("en", "150 grand", 150_000),
    ("en", "5k", 5_000),
    ("en", "twenty-seven thousand", 27_000),
    ("en", "fifteen hundred", 1_500),
    ("en", "one point two million", 1_200_000),
    ("en", "1.5 million", 1_500_000),
    ("en", "10,000", 10_000),
    ("en", "two and a half thousand", 2_500),
    ("en", "half a million", 500_000),
    ("en", "a couple hundred grand", 200_000),
    ("ru", "пол-ляма", 500_000),
    ("ru", "пару сотен тысяч", 200_000),
    ("ru", "пару миллионов", 2_000_000),
])
def test_spoken_and_written_numbers(language, text, value):
    assert word_number(text, language) == value


def test_a_lone_article_or_a_vague_pair_is_no_number():
    assert find_numbers("a month", "en") == ()
    assert find_numbers("пара вопросов", "ru") == ()
    [n] = find_numbers("a grand a month", "en")
    assert n.value == 1000


@pytest.mark.parametrize("language, text, expected", [
    ("ru", "где-то сто тысяч в месяц", {"amount": 100_000, "currency": "RUB", "period": "month"}),
    ("ru", "миллион двести в год", {"amount": 1_200_000, "currency": "RUB", "period": "year"}),
    ("ru", "от 80 до 120 тысяч", {"amount": None, "min": 80_000, "max": 120_000, "period": None}),
    ("ru", "пятнадцать-двадцать тысяч в месяц", {"min": 15_000, "max": 20_000, "period": "month"}),
    ("ru", "ну мы думали тысяч двести пятьдесят триста", {"min": 250_000, "max": 300_000}),
    ("ru", "бюджет до 8 тысяч в месяц", {"amount": None, "max": 8_000, "period": "month"}),
    ("ru", "тысяч до десяти в месяц хотелось бы", {"max": 10_000, "period": "month"}),
    ("ru", "не больше четырехсот долларов в месяц", {"max": 400, "currency": "USD", "period": "month"}),
    ("ru", "тысяч сто в год максимум", {"max": 100_000, "period": "year"}),
    ("ru", "сто двадцать тысяч разово", {"amount": 120_000, "period": "one_off"}),
    ("ru", "5 косарей в месяц", {"amount": 5_000, "currency": "RUB", "period": "month"}),
    ("ru", "полтора ляма на год", {"amount": 1_500_000, "period": "year"}),
    ("ru", "двести тысяч в квартал", {"amount": 800_000, "period": "year"}),
    ("ru", "три тысячи евро", {"amount": 3_000, "currency": "EUR"}),
    ("en", "$5k a month", {"amount": 5_000, "currency": "USD", "period": "month"}),
    ("en", "between 50 and 70k a month", {"min": 50_000, "max": 70_000, "period": "month"}),
    ("en", "150 grand for the year", {"amount": 150_000, "currency": "USD", "period": "year"}),
    ("en", "up to ten thousand dollars", {"max": 10_000, "currency": "USD"}),
    ("en", "we can't go above ten grand", {"max": 10_000}),
    ("en", "about two thousand pounds a month", {"amount": 2_000, "currency": "GBP", "period": "month"}),
    ("en", "3 to 4 thousand a month", {"min": 3_000, "max": 4_000, "period": "month"}),
    ("en", "at least twenty thousand", {"min": 20_000, "max": None}),
    ("ru", "двести тысяч в месяц минимум", {"min": 200_000, "amount": None}),
    ("en", "€40,000 one-time", {"amount": 40_000, "currency": "EUR", "period": "one_off"}),
    ("en", "two lakh rupees", {"amount": 200_000, "currency": "INR"}),
    ("en", "I have Rs. 50,000 for this", {"amount": 50_000, "currency": "INR"}),
    ("en", "Thirty-five hundred a month, tops", {"max": 3_500, "period": "month"}),
    ("en", "we couldn't go above ten grand", {"max": 10_000}),
    ("en", "the max is like eight thousand", {"max": 8_000}),
    ("en", "about twelve grand, we can't go higher than that", {"max": 12_000}),
    ("ru", "мы больше пятидесяти тысяч в месяц… не можем, это максимум", {"max": 50_000, "period": "month"}),
    ("en", "more than five grand we just can't", {"max": 5_000}),
])

def test_money_values(language, text, expected):
    money = parse_money(text, language)
    assert money is not None, text
    value = money.as_value()
    for key, want in expected.items():
        assert value[key] == want, (text, key, value)
    assert text.lower()[money.char_start:money.char_end].strip()

def test_a_sum_without_a_currency_takes_the_one_just_named():
    first, second = find_money("four hundred quid a month, so four thousand eight hundred a year", "en")
    assert (first.currency, second.currency, second.amount, second.period) == ("GBP", "GBP", 4_800, "year")


@pytest.mark.parametrize("language, text", [
    ("ru", "у нас двенадцать человек в двух салонах"),
    ("ru", "у нас 5 тысяч активных клиентов"),
    ("ru", "каталоги тысяча экземпляров"),
    ("ru", "работаем пять лет"),
    ("ru", "сто штук календарей"),
    ("en", "maybe fifteen thousand pages a month"),
    ("en", "we have 40 employees"),
    ("en", "thousands of users"),
    ("en", "about four hundred across twelve branches"),
])
def test_counts_are_not_money(language, text):
    assert parse_money(text, language) is None


@pytest.mark.parametrize("text, expected", [
    ("ну до двухсот в месяц думаю потянем", {"max": 200_000, "period": "month"}),
    ("тысяч сорок-пятьдесят в месяц", {"min": 40_000, "max": 50_000}),
    ("сорок-пятьдесят в месяц", {"min": 40_000, "max": 50_000}),
    ("бюджет где-то полтинник в месяц", {"amount": 50_000, "period": "month"}),
    ("ну сотка максимум", {"max": 100_000}),
    ("около пятихатки в месяц", {"amount": 500_000, "period": "month"}),
    # ASR drops the dash of a range
    ("ну лям двести лям триста", {"min": 1_200_000, "max": 1_300_000}),
    ("сто тысяч сто пятьдесят тысяч в месяц", {"min": 100_000, "max": 150_000, "period": "month"}),
])
def test_bare_numbers_in_a_russian_budget_reply_are_thousands(text, expected):
    value = parse_money(text, "ru", bare_thousands=True).as_value()
    for key, want in expected.items():
        assert value[key] == want
    assert parse_money("двенадцать человек в месяц", "ru", bare_thousands=True) is None
    assert parse_money("участок десять соток", "ru", bare_thousands=True) is None  # land, not a slang sum
    assert parse_money("maybe 400 a month tops", "en", bare_thousands=True).as_value()["max"] == 400
    assert parse_money("maybe 400 a month tops", "en") is None


def test_every_sum_in_order():
    sums = find_money("Полтора миллиона на весь маркетинг, из них на печать тысяч двести.", "ru")
    assert [s.amount for s in sums] == [1_500_000, 200_000]
