"""The date parser's rules: each finds one kind of date expression in normalised text.

Rules are built once per language from the calendar words in ``vocab/<lang>.yaml``; the order of
``rules_for`` is their specificity (a named day before a month before a weekday).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Iterator, NamedTuple

from nlp.language import ru_lemma
from nlp.normalize import periods as P
from nlp.normalize.numbers import find_numbers
from nlp.normalize.vocab import Dates, Vocab, load_vocab


class Found(NamedTuple):
    start: int
    end: int
    date: date | None
    first: date | None
    last: date | None
    urgent: bool = False
    rank: int = 0


Rule = Callable[[str, date], Iterator[Found]]
B = r"(?<![\w])"  # word start
E = r"(?![\w])"  # word end


def _alt(items: list[str]) -> str:
    return "|".join(f"(?:{i})" for i in items)


def _index(patterns: list[str], word: str) -> int | None:
    for i, p in enumerate(patterns):
        if re.fullmatch(p, word):
            return i
    return None


def _found(m: re.Match, first: date, last: date, *, by: bool = False) -> Found:
    return Found(m.start(), m.end(), first if by else last, first if not by else None, last if not by else first)


class _Lang:
    """Compiled pieces of one language's calendar vocabulary."""

    def __init__(self, vocab: Vocab) -> None:
        d: Dates = vocab.dates
        self.vocab = vocab
        self.d = d
        self.lang = vocab.language
        self.month = _alt(d.months)
        self.weekday = _alt(d.weekdays)
        self.unit = _alt(list(d.units.values()))
        self.part = (f"(?P<begin>{d.begin})|(?P<middle>{d.middle})|(?P<end>{d.end})"
                     f"|(?P<h1>{d.first_half})|(?P<h2>{d.second_half})")
        self.rel = f"(?P<this>{d.this})|(?P<next>{d.next})"
        self.by = d.by
        self.prep = f"{d.by}|{d.in_}"

    def month_no(self, word: str) -> int | None:
        i = _index(self.d.months, word)
        return None if i is None else i + 1

    def unit_of(self, word: str) -> str | None:
        return next((u for u, p in self.d.units.items() if re.fullmatch(p, word)), None)

    def day_no(self, words: str) -> int | None:
        """ "первого" / "двадцать пятого" / "27th" / "twenty-seventh" / "1" -> day of month."""
        words = words.strip()
        m = re.fullmatch(r"(\d{1,2})(?:-?(?:го|е|ое|ого|му|ому|й|ый|st|nd|rd|th))?", words)
        if m:
            n = int(m.group(1))
            return n if 1 <= n <= 31 else None
        nums = self.vocab.numbers
        total, parts = 0, re.split(r"[\s-]+", words)
        for k, w in enumerate(parts):
            lemma = ru_lemma(w) if self.lang == "ru" else w
            if lemma in nums.ordinals and k == len(parts) - 1:
                total += nums.ordinals[lemma]
            elif lemma in nums.tens and k < len(parts) - 1:
                total += nums.tens[lemma]
            else:
                return None
        return total if 1 <= total <= 31 else None


def _day_month(L: _Lang) -> Rule:
    """ "1 июля", "до первого июля", "двадцать пятого декабря 2027", "July 1st", "the 1st of July"."""
    word = r"[a-zа-я]+(?:[ -][a-zа-я]+)?|\d{1,2}(?:-?[a-zа-я]{1,3})?"
    pats = [re.compile(rf"{B}(?P<day>{word})\s+(?:of\s+)?(?P<month>{L.month}){E}(?:\s+(?P<year>\d{{4}}))?")]
    if L.lang == "en":
        pats.append(re.compile(rf"{B}(?P<month>{L.month})\s+(?:the\s+)?(?P<day>{word}){E}(?:,?\s+(?P<year>\d{{4}}))?"))

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for pat in pats:
            for m in pat.finditer(text):
                raw = m.group("day")
                choices = [raw] + ([raw.split(None, 1)[1]] if " " in raw.strip() else [])
                if L.lang == "en" and m.start("day") > m.start("month"):  # "july 1st now" -> try the first word too
                    choices.append(raw.split()[0])
                for k, words in enumerate(choices):
                    day, month = L.day_no(words), L.month_no(m.group("month"))
                    if day is None or month is None:
                        continue
                    year = m.group("year")
                    found = P.next_day_occurrence(anchor, month, day) if not year else _safe(int(year), month, day)
                    if found is None:
                        break
                    start = m.start("day") + (len(raw) - len(words) if k == 1 else 0)
                    end = m.end() if k != 2 else m.start("day") + len(words)
                    s, e = (min(start, m.start("month")), max(end, m.end("month")))
                    yield Found(s, e if not year else m.end(), found, found, found)
                    break
    return rule


def _day_only(L: _Lang) -> Rule:
    """ "до десятого", "к 15-му числу", "by the 10th": a day of the current (or next) month."""
    word = r"(?:[a-zа-я]+\s+)?[a-zа-я]+|\d{1,2}-?(?:го|ого|му|ому|е|st|nd|rd|th)"
    pat = re.compile(rf"{B}(?:{L.by})\s+(?:the\s+)?(?P<day>{word})(?:\s+(?:числа|число|числу|of the month))?(?=\s*(?:[,.;!?]|$))")

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            raw = m.group("day")
            if " " in raw and L.month_no(raw.split()[0]) is not None:
                continue  # "by January first" is a day and a month: the day-month rule reads it
            for words in ([raw, raw.split(None, 1)[1]] if " " in raw else [raw]):
                day = L.day_no(words)
                if day is None or (words[0].isdigit() and not re.search(r"\D", words)):
                    continue
                for month_start in (anchor.replace(day=1), P.add_months(anchor.replace(day=1), 1)):
                    found = _safe(month_start.year, month_start.month, day)
                    if found and found >= anchor:
                        yield Found(m.start(), m.end(), found, found, found)
                        break
                break
    return rule


def _day_named(L: _Lang) -> Rule:
    """ "в четверг, двадцать шестого", "двадцать шестого в два", "Tuesday the 24th", "on the twenty-fourth
    at eleven": a day of the month named alone, in this month or the next (the one that falls on the
    weekday when one is said). Without a weekday the words after it must show it is a date."""
    pat = re.compile(rf"{B}(?:(?P<wd>{L.weekday}){E}\s*,?\s*)?(?:(?:{L.d.day_lead})\s+)?(?P<day>{L.d.day_ordinal}){E}"
                     rf"(?!\s+(?:of\s+)?(?:{L.month}){E})(?=\s*(?P<follow>{L.d.day_follow})?)")  # with a month: _day_month

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            if m.group("follow") is None and not m.group("wd"):
                continue
            raw = m.group("day")
            for words in ([raw, raw.split(None, 1)[1]] if " " in raw else [raw]):
                day = L.day_no(words)
                if day is None:
                    continue
                weekday = _index(L.d.weekdays, m.group("wd")) if m.group("wd") else None
                months = [P.add_months(anchor.replace(day=1), k) for k in range(3)]
                days = [d for d in (_safe(s.year, s.month, day) for s in months) if d and d >= anchor]
                found = next((d for d in days if weekday is None or d.weekday() == weekday), days[0] if days else None)
                if found:
                    start = m.start() if m.group("wd") else m.start("day") + len(raw) - len(words)
                    yield Found(start, m.end("day"), found, found, found)
                break
    return rule


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric(L: _Lang) -> Rule:
    """ "01.07", "1.07.2027" (day first in Russian); "7/1", "7/1/2027" (month first in English)."""
    sep = r"\." if L.lang == "ru" else r"/"
    pat = re.compile(rf"{B}(\d{{1,2}}){sep}(\d{{2}}|\d)(?:{sep}(\d{{4}}|\d{{2}}))?(?![\d.,/]*\d)(?!\s*(?:тыс|млн|руб|k\b|к\b|%|\$))")

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            a, b = int(m.group(1)), int(m.group(2))
            day, month = (a, b) if L.lang == "ru" else (b, a)
            if L.lang == "ru" and len(m.group(2)) != 2:
                continue
            if not (1 <= month <= 12):
                continue
            year = m.group(3)
            found = (_safe(int(year) + (2000 if len(year) == 2 else 0), month, day) if year
                     else P.next_day_occurrence(anchor, month, day))
            if found:
                yield Found(m.start(), m.end(), found, found, found)
    return rule


def _month_part(L: _Lang) -> Rule:
    """ "до середины декабря", "в начале марта", "end of March", "mid-December"."""
    pat = re.compile(rf"{B}(?:(?P<by>{L.by})\s+)?(?:{L.part})\s*(?:of\s+)?(?P<month>{L.month}){E}(?:\s+(?P<year>\d{{4}}))?")

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            month = L.month_no(m.group("month"))
            if month is None:
                continue
            part = next(p for p in P.PARTS if m.group(p))
            year = int(m.group("year")) if m.group("year") else P.next_month_occurrence(anchor, month)
            first, last = P.month_part(year, month, part)
            yield Found(m.start(), m.end(), last, first, last)
    return rule


def _month(L: _Lang) -> Rule:
    """ "в марте", "к сентябрю" / "by May" (its last day), "до марта" (the day before), "in March 2027"."""
    ambiguous = {"may", "march"}  # English verbs: need a preposition
    pat = re.compile(rf"{B}(?:(?P<by>{L.by})\s+|(?P<in>{L.d.in_})\s+)?(?:the\s+month\s+of\s+)?"
                     rf"(?P<month>{L.month}){E}(?:\s+(?P<year>\d{{4}}))?")

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            month = L.month_no(m.group("month"))
            if month is None or (m.group("month") in ambiguous and not (m.group("by") or m.group("in"))):
                continue
            year = int(m.group("year")) if m.group("year") else P.next_month_occurrence(anchor, month)
            first, last = P.month_part(year, month, None)
            if m.group("by") and re.fullmatch(L.d.before, m.group("by")):
                before = first - timedelta(days=1)
                yield Found(m.start(), m.end(), before, None, before)
            else:
                yield Found(m.start(), m.end(), last, None if m.group("by") else first, last)
    return rule


def _month_range(L: _Lang) -> Rule:
    """ "в марте-апреле", "с марта по май", "between March and April": from the first month's first day
    to the last one's last day."""
    pat = re.compile(rf"{B}(?P<m1>{L.month})\s*(?:-|–|—|\bи\b|\bили\b|\bпо\b|\bto\b|\band\b|\bor\b|\bthrough\b)\s*"
                     rf"(?P<m2>{L.month}){E}")

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            first_month, last_month = L.month_no(m.group("m1")), L.month_no(m.group("m2"))
            if first_month is None or last_month is None or first_month == last_month:
                continue
            year = P.next_month_occurrence(anchor, first_month)
            last_year = year if last_month > first_month else year + 1
            first, _ = P.month_part(year, first_month, None)
            _, last = P.month_part(last_year, last_month, None)
            yield Found(m.start(), m.end(), last, first, last)
    return rule


def _year_half(L: _Lang) -> Rule:
    """ "в первом полугодии", "во втором полугодии следующего года", "in H2 2027": the half's last day."""
    halves = "|".join(f"(?P<{h}>{p})" for h, p in L.d.year_half.items())
    pat = re.compile(rf"{B}(?:(?P<by>{L.by})\s+)?(?:{halves}){E}"
                     rf"(?:\s+(?:(?P<nexty>{L.d.next})\s+(?:{L.d.units['year']})|(?P<year>\d{{4}})))?")

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            part = "h1" if m.group("h1") else "h2"
            if m.group("year"):
                year = int(m.group("year"))
            elif m.group("nexty"):
                year = anchor.year + 1
            else:
                year = anchor.year if P.part_of(date(anchor.year, 1, 1), date(anchor.year, 12, 31), "year", part)[1] >= anchor else anchor.year + 1
            first, last = P.part_of(date(year, 1, 1), date(year, 12, 31), "year", part)
            yield Found(m.start(), m.end(), last, first, last)
    return rule


def _quarter_no(L: _Lang) -> Rule:
    """ "Q2", "во втором квартале", "second quarter of 2027", "в первом квартале следующего года"."""
    ords = "перв|втор|трет|четв[её]рт|first|second|third|fourth|1st|2nd|3rd|4th|[1-4]"
    pat = re.compile(
        rf"{B}(?:(?P<by>{L.by})\s+)?(?:(?:{L.part})\s+(?:of\s+)?)?"
        rf"(?:q(?P<q>[1-4])|(?P<ord>{ords})\w*[\s-]+(?:-?(?:й|ом|ый)\s+)?(?:квартал\w*|quarter)){E}"
        rf"(?:\s+(?:(?P<nexty>следующего года|next year|of next year)|(?:of\s+)?(?P<year>\d{{4}})(?:\s+года?)?))?")
    index = {"перв": 1, "втор": 2, "трет": 3, "четв": 4, "firs": 1, "seco": 2, "thir": 3, "four": 4,
             "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            q = int(m.group("q")) if m.group("q") else int(m.group("ord")) if m.group("ord").isdigit() else index[m.group("ord")[:4]]
            if m.group("year"):
                year = int(m.group("year"))
            elif m.group("nexty"):
                year = anchor.year + 1
            else:
                year = anchor.year if P.month_end(anchor.year, 3 * q) >= anchor else anchor.year + 1
            start, end = P.period(date(year, 3 * q - 2, 1), "quarter", 0)
            part = next((p for p in P.PARTS if m.group(p)), None)
            first, last = P.part_of(start, end, "quarter", part)
            if m.group("by") and not part and re.fullmatch(L.d.before, m.group("by")):
                before = first - timedelta(days=1)  # "before Q3": the day before it starts
                yield Found(m.start(), m.end(), before, None, before)
            else:
                yield Found(m.start(), m.end(), last, first, last)
    return rule


def _relative_period(L: _Lang) -> Rule:
    """ "к концу квартала", "в следующем месяце", "end of the year", "next week", "year-end"."""
    pat = re.compile(
        rf"{B}(?:(?P<by>{L.by})\s+)?(?:(?:{L.part})\s+(?:of\s+)?(?:the\s+)?)?(?:(?:{L.rel})\s+)?(?P<unit>{L.unit}){E}"
        rf"(?:[\s-]+(?P<endword>end))?")
    pat_year = re.compile(rf"{B}(?:(?P<by>{L.by})\s+)?(?:(?:{L.part})\s+)?(?:(?P<ny>{L.d.next})\s+)?"
                          rf"(?P<unit>{L.unit})\s+(?P<year>\d{{4}})")
    bare_year = re.compile(rf"{B}(?:(?P<by>{L.by})|{L.d.in_})\s+(?P<year>20\d\d)(?:\s*(?:год\w*|г\.?))?{E}")

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            unit = L.unit_of(m.group("unit"))
            part = next((p for p in P.PARTS if m.group(p)), None)
            if m.group("endword"):
                part = "end"
            if unit is None or unit == "day" or not (part or m.group("this") or m.group("next")):
                continue
            if m.group("this") and m.group("this").strip() in ("the",) and not part:
                continue
            start, end = P.period(anchor, unit, 1 if m.group("next") else 0)
            first, last = P.part_of(start, end, unit, part)
            # a bare "this year" is rarely a deadline ("we had two incidents this year"): rank it as vague
            rank = VAGUE_RANK if not (part or m.group("by") or m.group("next")) else 0
            yield Found(m.start(), m.end(), last, first, last, False, rank)
        for m in list(pat_year.finditer(text)) + list(bare_year.finditer(text)):
            if "unit" in m.re.groupindex and L.unit_of(m.group("unit")) != "year":
                continue
            part = next((p for p in P.PARTS if p in m.re.groupindex and m.group(p)), None)
            year = int(m.group("year"))
            first, last = P.part_of(date(year, 1, 1), date(year, 12, 31), "year", part)
            if m.group("by") and not part:
                yield Found(m.start(), m.end(), first, None, first)
            else:
                yield Found(m.start(), m.end(), last, first, last)
    return rule


def _after(L: _Lang) -> Rule:
    """ "через две недели", "через полгода", "in a couple of weeks", "within 3 months", "в ближайшие 2 недели"."""
    count = r"[a-zа-я0-9.,]+(?:[\s-]+[a-zа-я]+){0,2}?"
    pat = re.compile(rf"{B}(?:{L.d.after}|{L.d.within})\s+(?:(?P<count>{count})\s+)?(?:of\s+)?(?P<unit>{L.unit}){E}")
    half = re.compile(rf"{B}(?:{L.d.after}|{L.d.within})\s+(?:a\s+)?(?:{L.d.half_year}){E}")
    pair = L.vocab.numbers.pair

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            unit = L.unit_of(m.group("unit"))
            raw = (m.group("count") or "").strip()
            n = _count(raw, L, pair)
            if unit is None or n is None:
                continue
            end = P.add_units(anchor, unit, n)
            yield Found(m.start(), m.end(), end, anchor, end)
        for m in half.finditer(text):
            end = P.add_units(anchor, "month", 6)
            yield Found(m.start(), m.end(), end, anchor, end)
    return rule


def _count(raw: str, L: _Lang, pair: dict[str, int]) -> float | None:
    if raw in ("", "a", "an", "one", "the next", "next"):
        return 1.0 if raw in ("", "a", "an", "one") else None
    words = [w for w in re.split(r"[\s-]+", raw) if w not in ("a", "of", "the", "next")]
    lemmas = [ru_lemma(w) if L.lang == "ru" else w for w in words]
    if len(lemmas) == 1 and lemmas[0] in pair:
        return float(pair[lemmas[0]])
    nums = find_numbers(raw, L.lang)
    if len(nums) == 1 and nums[0].end >= len(raw):
        return nums[0].value
    if L.lang == "ru" and lemmas and lemmas[-1] == "ближайший" and len(nums) == 1:
        return nums[0].value
    return None


def _season(L: _Lang) -> Rule:
    """ "весной", "next spring" (-> 31 May), "к концу лета"; "к лету" / "by next fall" is the season's last
    day like "к сентябрю", "до лета" / "before summer" the day before it starts like "до марта"."""
    names = "|".join(f"(?P<{k}>{v})" for k, v in L.d.seasons.items())
    pat = re.compile(
        rf"{B}(?:(?P<by>{L.by})\s+)?(?:(?:{L.part})\s+(?:of\s+)?)?(?:(?:{L.rel})\s+)?"
        rf"(?P<in>(?:{L.d.in_})\s+)?(?:the\s+)?(?:{names}){E}"
        rf"(?:\s+(?P<year>\d{{4}}))?")

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            name = next(k for k in P.SEASON_START if m.group(k))
            framed = any(m.group(g) for g in ("by", "in", "this", "next"))
            if L.lang == "en" and name == "autumn" and m.group(name) == "fall" and not framed:
                continue  # "prices fall"
            if L.lang == "ru" and name == "summer" and not (framed or m.group(name) == "летом"):
                continue  # "лет" is also "years"
            if m.group("year"):
                y = int(m.group("year"))
                start = date(y, P.SEASON_START[name], 1)
                end = P.add_months(start, 3) - timedelta(days=1)
            else:
                start, end = P.season(anchor, name, bool(m.group("next")))
            part = next((p for p in P.PARTS if m.group(p)), None)
            if part:
                start, end = P.part_of(start, end, "quarter", part)
            if m.group("by") and not part and re.fullmatch(L.d.before, m.group("by")):
                before = start - timedelta(days=1)
                yield Found(m.start(), m.end(), before, None, before)
            else:
                yield Found(m.start(), m.end(), end, None if m.group("by") and not part else start, end)
    return rule


def _new_year(L: _Lang) -> Rule:
    """ "до нового года" (-> 31 Dec), "после праздников" / "after the new year" (-> January)."""
    before = re.compile(rf"{B}(?:{L.by})\s+(?:the\s+)?(?:{L.d.new_year}){E}")
    after = re.compile(rf"{B}(?:после|after|в)\s+(?:the\s+)?(?:{L.d.new_year}){E}")

    def rule(text: str, anchor: date) -> Iterator[Found]:
        new_year = date(anchor.year + 1 if anchor.month > 1 else anchor.year, 1, 1)
        for m in before.finditer(text):
            last = new_year - timedelta(days=1)
            yield Found(m.start(), m.end(), last, anchor, last)
        for m in after.finditer(text):
            last = P.month_end(new_year.year, 1)
            yield Found(m.start(), m.end(), last, new_year, last)
    return rule


def _holiday(L: _Lang) -> Rule:
    """ "by Christmas" (-> 25 December), "к Рождеству": fixed-date holidays, the next occurrence."""
    pats = [(re.compile(rf"{B}(?:(?:{L.by})\s+)?(?:{p}){E}"), day) for p, day in L.d.holidays.items()]

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for pat, day in pats:
            month, dom = (int(x) for x in day.split("-"))
            for m in pat.finditer(text):
                found = P.next_day_occurrence(anchor, month, dom)
                if found:
                    yield Found(m.start(), m.end(), found, found, found)
    return rule


def _weekday(L: _Lang) -> Rule:
    """ "в пятницу", "до понедельника", "next Friday" (the one in next week)."""
    pat = re.compile(rf"{B}(?:(?:{L.rel})\s+)?(?P<wd>{L.weekday}){E}")

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            wd = _index(L.d.weekdays, m.group("wd"))
            if wd is None:
                continue
            day = P.next_weekday(anchor, wd, next_week=bool(m.group("next")) and L.lang == "en")
            yield Found(m.start(), m.end(), day, day, day)
    return rule


def _days(L: _Lang) -> Rule:
    """ "сегодня", "завтра", "послезавтра", "tomorrow"."""
    pats = [(re.compile(rf"{B}(?:{L.d.day_after_tomorrow}){E}"), 2), (re.compile(rf"{B}(?:{L.d.tomorrow}){E}"), 1),
            (re.compile(rf"{B}(?:{L.d.today}){E}"), 0)]

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for pat, offset in pats:
            for m in pat.finditer(text):
                day = anchor + timedelta(days=offset)
                yield Found(m.start(), m.end(), day, day, day)
    return rule


def _asap(L: _Lang) -> Rule:
    pat = re.compile(rf"{B}(?:{_alt(L.d.asap)}){E}")

    def rule(text: str, anchor: date) -> Iterator[Found]:
        for m in pat.finditer(text):
            yield Found(m.start(), m.end(), None, None, None, True)
    return rule


_RULES = (_day_month, _numeric, _month_part, _day_only, _day_named, _month_range, _quarter_no, _year_half, _season, _holiday, _new_year, _relative_period, _month, _after,
          _days, _weekday, _asap)
VAGUE_RANK = _RULES.index(_days)  # this rule and later ones name a day, not a deadline
WEEKDAY_RANK = _RULES.index(_weekday)


@lru_cache(maxsize=None)
def rules_for(language: str) -> tuple[Rule, ...]:
    lang = _Lang(load_vocab(language))
    return tuple(make(lang) for make in _RULES)


@lru_cache(maxsize=None)
def calendar_words(language: str) -> re.Pattern[str]:
    """Any word a date expression needs (a digit, a month, "завтра", "квартал", "asap" ...): texts
    without one skip the rules, which keeps long calls fast."""
    d = load_vocab(language).dates
    words = (d.months + d.weekdays + list(d.seasons.values()) + list(d.units.values()) + d.asap
             + list(d.holidays) + list(d.year_half.values()) + [d.half_year, d.today, d.tomorrow, d.day_after_tomorrow, d.new_year])
    stems = sorted({w[:-2] if language == "ru" else w for w in load_vocab(language).numbers.ordinals})
    return re.compile(rf"\d|q[1-4]|{B}(?:{_alt(words)}){E}|{B}(?:{_alt(stems)})")
