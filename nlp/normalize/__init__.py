"""Normalisers: spoken numbers, money and dates -> values (Russian and English).

Vocabulary is data (``vocab/<lang>.yaml``, strictly validated); the modules here are the small engines
that read it: ``numbers.find_numbers``, ``money.find_money`` / ``parse_money``, ``dates.parse_date`` /
``dates.find_dates``.

Why our own date parser: ``timesense`` (evaluated, 1.1.0) parses most phrases but gives no character
spans (evidence needs them), reads "до середины декабря" as a week ending 19 December where the
contract wants 15 December, and "срочно" as nothing; ``number-parser`` has no slang ("лям", "косарь",
"120к") nor the "миллион двести" / "тысяч двести" readings of spoken Russian.
"""
