"""Normalisers: spoken numbers, money and dates -> values (Russian and English).

Vocabulary is data (``vocab/<lang>.yaml``, strictly validated); the modules here are the small engines
that read it: ``numbers.find_numbers``, ``money.parse_money``, ``dates.parse_date`` / ``dates.find_dates``.
"""
