"""Money in what a client says: amount or range, currency and period ("от 80 до 120 тысяч в месяц",
"$5k a month", "полтора ляма в год", "up to ten grand").

Counts are not money: a number followed by a counted noun ("двадцать сотрудников", "5 тысяч клиентов")
is skipped. Without a currency word or symbol the call language's usual currency is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nlp.language import normalize
from nlp.normalize.numbers import NumberSpan, find_numbers
from nlp.normalize.vocab import load_vocab

# what comes right after a count, never after a sum (language-neutral stems, kept short on purpose)
_COUNTED = re.compile(
    r"\s*(?:[a-zа-я]+\s+)?(?:человек|сотрудник|пользовател|клиент|менеджер|работник|заяв|звон|заказ|лид|подписчик|"
    r"товар|позици|единиц|точк|филиал|магазин|салон|клиник|машин|автомобил|рейс|объект|sku|лицензи|мест|штук|"
    r"процент|%|кв\.?\s*м|кв\b|метр|км\b|"
    r"people|employee|user|client|customer|staff|seat|agent|store|location|call|lead|order|ticket|item|unit|"
    r"truck|vehicle|percent|square|mile|person|rep|head|member|bed|room|site)"
    r"|\s*(?:раз\b|лет\b|года?\b|годик|месяц|недел|дн[яе]|час|минут|year|month|week|day|hour|minute)",
)
_RANGE_JOIN = {"ru": r"\s*(?:-|–|—|до|по|или)\s*", "en": r"\s*(?:-|–|—|to|and|or)\s*"}
_RANGE_OPEN = {"ru": r"(?:от|с|между)\s+$", "en": r"(?:from|between)\s+$"}
_UPPER = {"ru": r"(?:до|не больше|не более|максимум|не дороже|в пределах|потолок|предел|не выше|ну до|до\s+где-то)\s*(?:[a-zа-я]+\s+)?$",
          "en": r"(?:up to|upto|no more than|max(?:imum)?(?:\s+(?:is|would be|we can do is|we'?d do is))?|at most|under|below|less than|"
                r"not more than|within|cap(?:ped)? at|tops?|ceiling of|(?:the )?limit is|"
                r"(?:can'?t|cannot|couldn'?t|won'?t|wouldn'?t|not|never) (?:go |spend |pay |do )?(?:above|over|beyond|more than|past|higher than))"
                r"\s*(?:of\s+)?(?:like\s+|about\s+|around\s+)?$"}
# "больше пятидесяти тысяч в месяц не можем" / "more than five grand we can't": a limit said backwards
_MORE_THAN = {"ru": r"(?:больше|выше|свыше|дороже)\s*$", "en": r"(?:more than|over|above)\s*$"}
_CANNOT = {"ru": r"^[^.!?]{0,40}?(?<!\w)не\s+(?:можем|могу|потянем|потяну|готовы|сможем|получится|дадут|выделим|дадим|выйдет)",
           "en": r"^[^.!?]{0,40}?\b(?:can'?t|cannot|won'?t|couldn'?t|is too much|we don'?t have)\b"}
_LOWER = {"ru": r"(?:от|не меньше|не менее|минимум|хотя бы|как минимум)\s*$",
          "en": r"(?:at least|from|minimum(?: of)?|no less than|over|more than|north of)\s*$"}
_BOTTOMS = {"ru": r"^[^.,;]*?(?:минимум|как минимум|не меньше|от силы не меньше)", "en": r"^[^.,;]*?(?:minimum|at least|at a minimum)"}
_TOPS = {"ru": r"^[^.,;]*?(?:максимум|край|не больше|потолок|от силы)",
         "en": r"^[^.,;]*?(?:,\s*)?(?:max(?:imum)?|tops|at most|at the most|(?:and )?no more|"
               r"(?:we |i )?(?:can'?t|couldn'?t|won'?t) go (?:any )?(?:higher|above|over|beyond)|(?:is|that'?s) (?:our|the|my) (?:limit|ceiling|max))"}


@dataclass(frozen=True, slots=True)
class MoneyValue:
    amount: float | None
    currency: str
    period: str | None  # month | year | one_off | None
    min: float | None
    max: float | None
    char_start: int
    char_end: int

    def as_value(self) -> dict[str, Any]:
        num = lambda x: None if x is None else (int(x) if float(x).is_integer() else x)  # noqa: E731
        return {"amount": num(self.amount), "currency": self.currency, "period": self.period,
                "min": num(self.min), "max": num(self.max)}


@lru_cache(maxsize=None)
def _compiled(language: str):
    money = load_vocab(language).money
    cur = {code: re.compile(r"(?<![\w])(?:" + "|".join(pats) + r")(?![\w])") for code, pats in money.currencies.items()}
    sym = {code: [p for p in pats if len(p.replace("\\", "")) == 1] for code, pats in money.currencies.items()}
    per = {name: re.compile(r"(?<![\w])(?:" + "|".join(f"(?:{p})" for p in pats) + r")") for name, pats in money.periods.items()}
    return money.default_currency, cur, sym, per


def _currency_after(norm: str, end: int, language: str) -> tuple[str | None, int]:
    _, cur, _, _ = _compiled(language)
    window = norm[end:end + 16]
    best = None
    for code, pat in cur.items():
        m = pat.search(window)
        if m and m.start() <= 3 and (best is None or m.start() < best[1]):
            best = (code, m.start(), end + m.end())
    return (best[0], best[2]) if best else (None, end)


def _currency_before(norm: str, start: int, language: str) -> str | None:
    """A currency sign or code right before the figure ("$5", "₹ 500", "Rs. 50,000", "USD 200")."""
    _, cur, sym, _ = _compiled(language)
    before = norm[max(0, start - 2):start].strip()
    word = re.search(r"(?<![\w.])([a-z]{2,3}\.?)\s*$", norm[max(0, start - 6):start])
    for code, symbols in sym.items():
        if before and any(re.fullmatch(s, before[-1]) for s in symbols):
            return code
    for code, pattern in cur.items():
        if word and pattern.fullmatch(word.group(1)):
            return code
    return None


_MONEY_NOUNS = re.compile(r"^(?:бюджет|лимит|максимум|минимум|итого|всего|наличн|безнал|кэш|нал|ндс|сумм|деньг|денег|"
                          r"потолок|бакс|баксов|рубл|доллар|евро|копе|budget|cash|cap|max|tops)")
_NEXT_WORDS = re.compile(r"\s*([a-zа-я]+)(?:\s+([a-zа-я]+))?")
_EN_NOT_COUNTED = {"bucks", "dollars", "pounds", "euros", "rubles", "roubles", "grands", "thousands", "millions",
                   "is", "was", "has", "this", "its", "plus", "tops", "includes", "as", "towards", "always", "yes"}


@lru_cache(maxsize=50_000)
def _ru_kind(word: str) -> str:
    """ "noun", "adj" or "other" by pymorphy3's most probable parse (cached: parsing is slow)."""
    from nlp.language import _morph

    tag = _morph().parse(word)[0].tag
    if "ADJF" in tag or "PRTF" in tag:
        return "adj"
    return "noun" if "NOUN" in tag else "other"


def _counted_noun(after: str, language: str) -> bool:
    """Whether the words after a number name what is counted ("15 thousand pages", "двадцать кабинетов")."""
    if _COUNTED.match(after):
        return True
    m = _NEXT_WORDS.match(after)
    if m is None:
        return False
    if language == "ru":
        for word in m.groups():
            if not word:
                return False
            kind = _ru_kind(word)
            if kind == "adj":
                continue  # "тысяч активных клиентов": look past one adjective
            return kind == "noun" and not _MONEY_NOUNS.match(word) and not any(
                p.search(word) for p in _compiled(language)[1].values())
        return False
    word = m.group(1)
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word not in _EN_NOT_COUNTED


def _is_money(norm: str, n: NumberSpan, language: str, bare: bool = False) -> bool:
    """Whether a number is a sum: a currency, a big multiplier or value, or (``bare``) any figure >= 10
    said about a budget; never when a counted noun follows."""
    after = norm[n.end:n.end + 30]
    if _currency_before(norm, n.start, language) or _currency_after(norm, n.end, language)[0]:
        return True
    if _counted_noun(after, language):
        return False
    span = norm[n.start:n.end]
    if n.multiplier >= 1000 and n.value == n.multiplier and " " not in span.strip() and not span[0].isdigit():
        return span in ("косарь", "косарик", "лям", "лимон", "grand", "a grand")  # a bare "thousands" is no sum
    return n.multiplier >= 1000 or n.value >= 1000 or (bare and n.value >= 10)


def _thousands(norm: str, n: NumberSpan, language: str) -> NumberSpan:
    if n.multiplier != 1 or not 10 <= n.value < 1000 or not n.value.is_integer():
        return n
    if _currency_before(norm, n.start, language) or _currency_after(norm, n.end, language)[0]:
        return n
    if _counted_noun(norm[n.end:n.end + 30], language):
        return n
    return NumberSpan(n.start, n.end, n.value * 1000, 1000)


def _spoken_top(norm: str, n: NumberSpan, nxt: NumberSpan, language: str) -> float | None:
    """The top of a spoken range that ``n`` opens, or None: a scaled number, then a bare one a bit above
    it once scaled ("тысяч сорок-пятьдесят", ASR's dashless "тысяч двести пятьдесят триста"), or two
    scaled sums side by side ("лям двести лям триста")."""
    lang = language if language in _RANGE_JOIN else "en"
    gap = norm[n.end:nxt.start]
    if gap.isspace() and n.multiplier > 1 and nxt.multiplier == n.multiplier and n.value < nxt.value <= 2 * n.value:
        return nxt.value
    if not (gap.isspace() or re.fullmatch(_RANGE_JOIN[lang], gap)) or n.multiplier == 1 or nxt.multiplier != 1:
        return None
    scaled = nxt.value * n.multiplier
    return scaled if n.value < scaled <= 2 * n.value else None


def _period(norm: str, start: int, end: int, language: str) -> str | None:
    """The period said near the amount: after it up to the next clause, else anywhere in the text."""
    _, _, _, per = _compiled(language)
    tail = norm[end:]
    clause = re.split(r"[.;!?]|,\s*(?:а|но|то есть|т\.е\.|but|so|or)\s", tail, maxsplit=1)[0]
    for text in (clause[:40], norm[max(0, start - 40):start], norm):
        hits = sorted((m.start(), name) for name, pat in per.items() for m in [pat.search(text)] if m)
        if hits:
            name = hits[0][1]
            return name
    return None


def parse_money(text: str, language: str, *, bare_thousands: bool = False) -> MoneyValue | None:
    """The first sum of money named in ``text`` (a range when one is said), or None."""
    found = find_money(text, language, bare_thousands=bare_thousands)
    return found[0] if found else None


def find_money(text: str, language: str, *, bare_thousands: bool = False) -> list[MoneyValue]:
    """Every sum of money named in ``text``, in text order.

    ``bare_thousands``: in a reply about a budget, a bare 10..999 without currency means thousands
    in Russian ("до двухсот в месяц" = 200 000) and that sum in English ("400 a month tops");
    counts ("двенадцать человек") stay counts.
    """
    bare = bare_thousands
    out: list[MoneyValue] = []
    norm = normalize(text)
    raw = [n for n in find_numbers(text, language) if n.value > 0]
    # a bare figure right after a scaled one is the top of a spoken range ("тысяч двести пятьдесят триста")
    nums = [_thousands(norm, n, language) if bare and language == "ru" and not (
        k and raw[k - 1].multiplier > 1 and norm[raw[k - 1].end:n.start].isspace()) else n for k, n in enumerate(raw)]
    default, *_ = _compiled(language)
    lang = language if language in _RANGE_JOIN else "en"
    for i, n in enumerate(nums):
        if out and n.start < out[-1].char_end:
            continue
        nxt = nums[i + 1] if i + 1 < len(nums) else None
        top = _spoken_top(norm, n, nxt, language) if nxt else None
        if not _is_money(norm, n, language, bare):
            joined = top is not None or re.fullmatch(_RANGE_JOIN[lang], norm[n.end:nxt.start]) if nxt else False
            if not (joined and _is_money(norm, nxt, language, bare)):
                continue
        low, high, end = n.value, None, n.end
        spoken = top is not None
        if spoken:
            nxt = NumberSpan(nxt.start, nxt.end, top, n.multiplier)
        if nxt and (spoken or re.fullmatch(_RANGE_JOIN[lang], norm[n.end:nxt.start])) and _is_money(norm, nxt, language, bare):
            high, end = nxt.value, nxt.end
            if n.multiplier == 1 and nxt.multiplier > 1 and low < nxt.multiplier:
                low *= nxt.multiplier  # "от 80 до 120 тысяч": the multiplier covers both ends
            if not low < high:
                high = None
        # a sum with no currency of its own is in the one just named ("400 quid a month, so 4,800 a year")
        currency = (_currency_before(norm, n.start, language) or _currency_after(norm, end, language)[0]
                    or (out[-1].currency if out else default))
        end = max(end, _currency_after(norm, end, language)[1])
        before = norm[max(0, n.start - 30):n.start]
        inner = re.match(r"\S+\s+(до|от)\s", norm[n.start:n.end])  # "тысяч до десяти"
        if inner:
            before += inner.group(1) + " "
        period = _period(norm, n.start, end, language)
        if period == "quarter":
            low, high, period = low * 4, high * 4 if high else None, "year"
        if high is not None:
            out.append(MoneyValue(None, currency, period, low, high, n.start, end))
        elif (re.search(_UPPER[lang], before) or re.search(_TOPS[lang], norm[end:end + 30])
              or re.search(_MORE_THAN[lang], before) and re.search(_CANNOT[lang], norm[end:end + 50])):
            out.append(MoneyValue(None, currency, period, None, low, n.start, end))
        elif re.search(_LOWER[lang], before) or re.search(_BOTTOMS[lang], norm[end:end + 30]):
            out.append(MoneyValue(None, currency, period, low, None, n.start, end))
        else:
            out.append(MoneyValue(low, currency, period, None, None, n.start, end))
    return out
