"""Spoken and written numbers in free text: "сто двадцать тысяч", "полтора ляма", "миллион двести",
"120к", "1 200 000", "a hundred and twenty thousand", "150 grand", "$5k".

ASR writes numbers as words or digits, with slang multipliers; this finds each number's span and value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.language import normalize, ru_lemma
from nlp.normalize.vocab import Numbers, load_vocab

_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:(?:\u00a0| |,|\.)\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)?)(?P<suf>[a-zа-я]{1,3}\b)?"
    r"|(?P<word>[a-zа-я]+)|(?P<sym>[-$€₽£₸])"
)


_INVERTED_PREPS = {"до", "от", "около", "под", "за", "на", "по", "с", "в"}


@dataclass(frozen=True, slots=True)
class NumberSpan:
    start: int  # character offsets into the text
    end: int
    value: float
    multiplier: int = 1  # the largest multiplier said ("тысяч" -> 1000): tells money from counts


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # num | word | sym
    text: str
    lemma: str
    start: int
    end: int
    suffix: str = ""


def _lemma(word: str, language: str) -> str:
    if language == "ru":
        return ru_lemma(word)
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokens(text: str, language: str) -> list[_Tok]:
    """Number-relevant tokens of ``text`` with offsets (the text is normalised: lower case, "ё" folded)."""
    norm = normalize(text)
    out = []
    for m in _TOKEN.finditer(norm):
        if m.group("num"):
            out.append(_Tok("num", m.group("num"), m.group("num"), m.start(), m.end(), m.group("suf") or ""))
        elif m.group("word"):
            out.append(_Tok("word", m.group("word"), _lemma(m.group("word"), language), m.start(), m.end()))
        else:
            out.append(_Tok("sym", m.group("sym"), m.group("sym"), m.start(), m.end()))
    return out


def digits_value(raw: str) -> float:
    """ "1 200 000" / "1,200" / "1.5" / "1,5" -> a number (3-digit groups are thousands, else decimals)."""
    parts = re.split(r"[\u00a0 ,.]", raw)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return float("".join(parts))
    return float(raw.replace(",", "."))


def _place(value: float) -> float:
    """The smallest decimal place used by an integer part (120 -> 10, 100 -> 100, 7 -> 1)."""
    n = int(value)
    if n == 0:
        return float("inf")
    place = 1
    while n % (place * 10) == 0:
        place *= 10
    return place


class _Builder:
    """Accumulates one number left to right; refuses tokens that cannot continue it."""

    def __init__(self, vocab: Numbers) -> None:
        self.v = vocab
        self.total = 0.0
        self.cur = 0.0
        self.has_cur = False
        self.last_mult = 0
        self.spoken_cur = False
        self.used = False
        self.inverted = False  # "тысяч двести": the multiplier first means "about 200 thousand"
        self.fraction = False  # "half", "полтора" opened the number
        self.paired = False  # "пара", "a couple": a count unless a multiplier follows
        self.after_article = False
        self.article_only = False  # only "a" so far: "a couple" may follow

    def _article(self) -> bool:
        self.after_article = True
        return True

    def _add(self, value: float, spoken: bool) -> bool:
        if self.has_cur and (not spoken or not self.spoken_cur or value >= _place(self.cur)):
            return False
        self.cur += value
        self.has_cur = self.used = True
        self.spoken_cur = spoken
        return True

    def _multiply(self, mult: int) -> bool:
        if mult == 100:  # English "hundred" multiplies the current group
            if self.cur >= 100:
                return False
            self.cur = (self.cur or 1) * 100
            self.has_cur = self.used = self.spoken_cur = True
            return True
        if self.last_mult and mult >= self.last_mult:
            return False
        self.total += (self.cur if self.has_cur else 1) * mult
        self.cur, self.has_cur, self.last_mult, self.used = 0.0, False, mult, True
        return True

    def feed(self, tok: _Tok) -> bool:
        v = self.v
        if tok.kind == "num":
            if not self._add(digits_value(tok.text), False):
                return False
            mult = v.suffixes.get(tok.suffix)
            return True if mult is None else self._multiply(mult)
        if tok.kind != "word":
            return False
        lemma = tok.lemma
        if tok.text in ("a", "an") and self.used:  # "a hundred"; "half a million" keeps its "a"
            return self.fraction and not self.last_mult and not self.after_article and self._article()
        if (lemma in v.pair or tok.text in v.pair) and (not self.used or self.article_only):
            self.paired, self.article_only = True, False  # "пару миллионов", "a couple hundred"
            self.cur, self.has_cur = 0.0, False
            return self._add(v.pair.get(lemma, v.pair.get(tok.text, 0)), True)
        if tok.text in ("a", "an") and not self.used:
            self.article_only = True
        if self.article_only and tok.text not in ("a", "an"):
            self.article_only = False
        if lemma in v.slang and not self.used:  # lemmas and the forms pymorphy3 does not know
            return self._add(v.slang[lemma], True)
        for table in (v.units, v.tens, v.hundreds):
            if lemma in table or tok.text in table:
                return self._add(table.get(lemma, table.get(tok.text, 0)), True)
        if lemma in v.fractions or tok.text in v.fractions:
            value = v.fractions.get(lemma, v.fractions.get(tok.text, 0.0))
            self.fraction = not self.has_cur
            return self.fraction and self._add(value, True)
        mult = v.multipliers.get(lemma) or v.multipliers.get(tok.text)
        if mult and not self.used and tok.text != lemma and lemma in v.multipliers and mult > 100:
            self.inverted = True  # an inflected multiplier opening the number: Russian approximate inversion
        if mult:
            return self._multiply(mult)
        if tok.text.startswith("пол") and len(tok.text) > 4:  # "полмиллиона", "полляма"
            rest = ru_lemma(tok.text[3:])
            mult = v.multipliers.get(rest)
            return bool(mult) and not self.has_cur and self._add(0.5, True) and self._multiply(mult)
        return False

    def plus_half(self) -> None:
        if self.has_cur:
            self.cur += 0.5
        elif self.last_mult:
            self.total += 0.5 * self.last_mult

    def thousands_tail(self) -> bool:
        """ "миллион двести" = 1 200 000: a spoken tail under 1000 after millions counts thousands."""
        return self.last_mult >= 1_000_000 and self.has_cur and self.spoken_cur and self.cur < 1000

    def value(self) -> float:
        if self.inverted and self.has_cur:
            return self.cur * self.last_mult
        return self.total + (self.cur * 1000 if self.thousands_tail() else self.cur)


@lru_cache(maxsize=4096)
def find_numbers(text: str, language: str) -> tuple[NumberSpan, ...]:
    """Every number in ``text`` with its span and value, left to right."""
    vocab = load_vocab(language).numbers
    toks = tokens(text, language)
    norm = normalize(text)
    out: list[NumberSpan] = []
    i = 0
    while i < len(toks):
        b = _Builder(vocab)
        after_number = bool(out) and i > 0 and out[-1].end == toks[i - 1].end
        if (after_number and toks[i].lemma in vocab.slang) or not b.feed(toks[i]):
            i += 1  # after a number a slang word is its unit ("десять соток" of land), not a number
            continue
        start, end, j = toks[i].start, toks[i].end, i + 1
        group = None  # token index where the figures said after the last multiplier begin
        while j < len(toks):
            tok = toks[j]
            if re.search(r"[,;.!?:]", norm[end:tok.start]):
                break  # "150 grand, one-off": punctuation ends a number
            half = next((h for h in vocab.plus_half if norm.startswith(h, tok.start)), None)
            if half:
                b.plus_half()
                end = tok.start + len(half)
                while j < len(toks) and toks[j].start < end:
                    j += 1
                continue
            if (b.inverted and not b.has_cur and tok.text in _INVERTED_PREPS and j + 1 < len(toks)
                    and _Builder(vocab).feed(toks[j + 1])):
                j += 1  # "тысяч до десяти", "тысяч под сто": the preposition sits inside the number
                continue
            if tok.text == "-" and j + 1 < len(toks) and toks[j + 1].kind == "word" and (
                    language == "en" or (b.fraction and not b.last_mult)):
                j += 1  # "twenty-seven", "пол-ляма"
                continue
            if tok.text in ("and", "point") and j + 1 < len(toks) and b.has_cur | bool(b.last_mult):
                if tok.text == "point" and toks[j + 1].lemma in vocab.units:
                    b.cur += vocab.units[toks[j + 1].lemma] / 10
                    end, j = toks[j + 1].end, j + 2
                    continue
                nxt = _Builder(vocab)
                if tok.text == "and" and nxt.feed(toks[j + 1]):
                    j += 1
                    continue
                break
            fresh = not b.has_cur
            if not b.feed(tok):
                if (group and b.has_cur and vocab.multipliers.get(tok.lemma, 0) >= b.last_mult > 1
                        and not b.thousands_tail()):
                    # a multiplier again: the figures since the last one open the next sum ("сто тысяч |
                    # сто пятьдесят тысяч", a range said without a dash), not "100 150"
                    j, b.cur, b.has_cur = group, 0.0, False
                    end = toks[j - 1].end
                break
            if fresh and b.has_cur and b.last_mult and group is None:
                group = j
            end, j = tok.end, j + 1
        if toks[i].kind == "word" and toks[i].text in ("a", "an", "one", "один", "одна") and b.value() == 1 and not b.last_mult:
            i = j  # a lone article is not a number
            continue
        if b.paired and not b.last_mult and b.cur < 100:
            i = j  # "пара вопросов", "a couple of": a vague count, not a number
            continue
        out.append(NumberSpan(start, end, b.value(), b.last_mult or 1))
        i = j
    return tuple(out)


def word_number(words: str, language: str) -> float | None:
    """The value of a text that is exactly one number ("двадцать пять", "12"), else None."""
    found = find_numbers(words, language)
    if len(found) == 1 and found[0].start == 0 and found[0].end >= len(words.strip()):
        return found[0].value
    return None
