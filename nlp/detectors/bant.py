"""BANT: the manager's qualifying questions and the client's answers with normalised values.

``bant.question`` (manager): budget / authority / need / timeline, from the ``bant_questions`` lexicon
(plus the semantic layer for paraphrases). A match counts as a question when its sentence ends with "?",
or the text carries no sentence punctuation at all (ASR), or it is a request ("расскажите", "tell me").

``bant.answer`` (client): a fact on a topic, volunteered or answering the manager's last question
(``answers`` = that question's utterance). Values: budget {amount, currency, period, min, max} or
{none: true}; authority {decision_maker, role}; need {summary} (or {denied: true} once a need was
stated); timeline {date, start, end, text}; a refusal to answer a question -> {refused: true}.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from analyzer.types import Detection
from nlp.context import Context, sentences_outside
from nlp.detectors import bant_values as V
from nlp.lexicon.matcher import Match
from nlp.metrics import asks
from nlp.registry import register

NAME = "bant.v1"
TOPICS = ("budget", "authority", "need", "timeline")
REPLY_WINDOW = 4  # utterances back from a client utterance to the question it may answer
VOLUNTEERED_NEED_TURNS = 5  # a need stated unasked counts within the client's first turns
SCALE_GROUP = "q.need.scale"  # "how many / how big" questions: need questions whose answers are figures
SEMANTIC_CEILING = 0.8  # semantic matches score at most 0.8 x similarity (Context.find); rules score above
SITUATION_SCORE = 0.6  # an open question no lexicon names: weaker evidence than a rule or a semantic match
# Lexicon labels (None: every group) that make a question something other than discovery.
NOT_DISCOVERY: dict[str, frozenset[str] | None] = {
    "bant_questions": None, "call_control": None, "price": frozenset({"question", "amount"}),
    "meeting": frozenset({"invite"}), "next_step": frozenset({"call", "send", "when"}),
    "greeting": frozenset({"hello", "offer_help"}), "summary": frozenset({"recap"}),
    "cross_sell": frozenset({"offer", "offer_extra"}),  # offering an extra discovers nothing
}
SITUATION_REPLY_WORDS = 3  # the client's reply to a situation question says something
_REQUEST = re.compile(r"(?<!\w)(?:расскажите|расскажи|опишите|поделитесь|подскажите|уточните|tell me|walk me|describe|share)(?!\w)")
_SHORT_REPLY = re.compile(r"^\W*(?:да|нет|ага|угу|ок|окей|хорошо|ясно|понятно|конечно|yes|no|yeah|yep|nope|ok|okay|sure|right|fine)\W*$")


def _is_question(text: str, start: int, end: int, *, asr: bool = False) -> bool:
    """The matched words end a question: their sentence's mark is "?" (a match may include its mark),
    or the text has no marks at all, or they make a request ("расскажите", "tell me"). In ASR text a
    "." proves nothing (recognisers punctuate telephone questions unreliably): words that ask suffice."""
    if not re.search(r"[.!?]", text):
        return True  # text without punctuation: trust the words
    own = text[start:end].rstrip()[-1:]
    tail = re.search(r"[.!?]", text[end:])
    mark = own if own in (".", "!", "?") else (text[end + tail.start()] if tail else "?")
    if mark == "?" or _REQUEST.search(text[max(0, start - 40):end].lower()):
        return True
    sentence_start = max(text.rfind(m, 0, start) for m in ".!?") + 1
    return asr and mark == "." and asks(text[sentence_start:end])


def questions(ctx: Context) -> list[Detection]:
    out = []
    for index in ctx.speaker_indices("manager"):
        text = ctx.transcript.utterances[index].text
        seen: set[str] = set()
        for m in ctx.find(index, "bant_questions", semantic=True):
            if (m.label in TOPICS and m.label not in seen
                    and _is_question(text, m.start, m.end, asr=ctx.transcript.asr is not None)):
                seen.add(m.label)
                out.append(Detection("bant.question", "manager", ctx.evidence(index, m.start, m.end), NAME, m.score,
                                     {"topic": m.label}))
    if not any(q.get("topic") == "need" for q in out):
        situation = _situation_question(ctx)
        if situation is not None:
            out.append(situation)
            out.sort(key=lambda q: (q.evidence.utterance, q.evidence.char_start))
    return out


def _situation_question(ctx: Context) -> Detection | None:
    """The first open question about the client's situation that no lexicon names ("На чём сейчас
    ездите?", "Сколько бутылей уходит в неделю?", "Is it your first home?"), answered in words: a need
    question in substance (situation questions are need discovery). It follows a need the client
    stated (a service survey asks questions but discovers nothing), comes before the manager proposes
    a meeting, and is none of price, scheduling, greeting, recap or call control."""
    utts = ctx.transcript.utterances
    asr = ctx.transcript.asr is not None
    need_stated = False
    for index, utt in enumerate(utts):
        if utt.speaker == "client":
            need_stated = need_stated or any(m.label == "need" for m in ctx.find(index, "bant_answers"))
            continue
        if utt.speaker != "manager" or not need_stated:
            continue
        if ctx.find(index, "meeting"):
            return None  # discovery is over
        reply = index + 1
        if reply >= len(utts) or utts[reply].speaker != "client" or not _says_something(ctx, reply):
            continue
        text = utt.text
        taken = [(m.start, m.end) for file, labels in NOT_DISCOVERY.items() for m in ctx.find(index, file)
                 if labels is None or m.label in labels]
        for start, end in sentences_outside(text, taken):
            sentence = text[start:end]
            if sentence.rstrip().endswith("?") or _is_question(text, start, end, asr=asr) and asks(sentence):
                return Detection("bant.question", "manager", ctx.evidence(index, start, end), NAME, SITUATION_SCORE,
                                 {"topic": "need"})
    return None


def _says_something(ctx: Context, index: int) -> bool:
    norm = ctx.utt(index).norm
    return len(norm.split()) >= SITUATION_REPLY_WORDS and not _SHORT_REPLY.match(norm) and not _emotional(ctx, index)


def _asked(ctx: Context, index: int, asked_at: dict[int, list[str]]) -> dict[str, int]:
    """Topics the manager asked in the last manager turn before client utterance ``index``."""
    utts = ctx.transcript.utterances
    out: dict[str, int] = {}
    i = index - 1
    while i >= 0 and utts[i].speaker != "manager" and index - i <= REPLY_WINDOW:
        i -= 1
    while i >= 0 and utts[i].speaker == "manager" and index - i <= REPLY_WINDOW:
        for topic in asked_at.get(i, []):
            out.setdefault(topic, i)
        i -= 1
    return out


def _client_turn(ctx: Context, index: int) -> int:
    utts, turn, previous = ctx.transcript.utterances, 0, None
    for u in utts[: index + 1]:
        if u.speaker == "client" and previous != "client":
            turn += 1
        previous = u.speaker
    return turn


def _only_scale(ctx: Context, question: int) -> bool:
    """A need question that only asks how many / how big: its answer is a figure, not a need."""
    groups = {m.group for m in ctx.find(question, "bant_questions") if m.label == "need"}
    return bool(groups) and groups <= {SCALE_GROUP}


def _emotional(ctx: Context, index: int) -> bool:
    """A reply that is an outburst or a counter-question ("Are you kidding me?"), not a stated need."""
    text = ctx.transcript.utterances[index].text.strip()
    first = re.match(r"[^.!?]*[.!?]?", text).group(0)
    return first.endswith("?") or text.endswith("?") or bool(ctx.find(index, "rudeness"))


def _need_besides(matches: list[Match], label: str) -> bool:
    """A need cue outside every ``label`` match ("менять не планируем" is contentment, not a change wanted)."""
    spans = [(m.start, m.end) for m in matches if m.label == label]
    return any(m.label == "need" and not any(s <= m.start < e for s, e in spans) for m in matches)


def _replies_to_extra_offer(ctx: Context, index: int) -> bool:
    """Client utterance ``index`` is the reply to a manager turn that offers an extra (a cross-sell)."""
    from nlp.detectors.cross_sell import offers_extra

    i = index - 1
    while i >= 0 and ctx.transcript.utterances[i].speaker == "client":
        i -= 1
    return i >= 0 and index - i <= REPLY_WINDOW and offers_extra(ctx, i)


def _answer(ctx: Context, index: int, topic: str, read: V.Read, asked: dict[str, int], score: float) -> Detection:
    value, start, end = read
    return Detection("bant.answer", "client", ctx.evidence(index, start, end), NAME, score,
                     {"topic": topic, "value": value, "answers": asked.get(topic)})


def _answers_in(ctx: Context, index: int, asked: dict[str, int], firm: set[str], need_seen: bool,
                budget_seen: bool) -> Iterator[Detection]:
    """The client's BANT statements in utterance ``index``. ``asked``: topics of the manager's last turn
    (with the question's index); ``firm``: those asked by the rules, not only by the semantic layer,
    which alone may make a bare reply count (a sum, a pronoun, a weekday, a sentence as the need)."""
    matches = ctx.find(index, "bant_answers")
    found = V.labels(matches)
    norm = ctx.utt(index).norm
    if "refused" in found and asked:
        topic = next(t for t in TOPICS if t in asked) if "budget" not in asked else "budget"
        m = found["refused"]
        yield _answer(ctx, index, topic, ({"refused": True}, m.start, m.end), asked, m.score)
        return
    topics: set[str] = set()
    at: list[int] = []  # where those answers start
    # what they pay today is a budget only when asked for one ("сейчас платим 30 тысяч" volunteered is not)
    current = "current_spend" in found and "budget" not in firm
    cued = "budget" in firm or ("budget" in found and not current) or "none" in found
    if cued or (budget_seen and not current and not any(k in found for k in ("self", "other", "joint"))):
        read = V.budget(ctx, index, found, "budget" in firm or budget_seen)
        # once a budget is on the table, a new sum per month/year restates or revises it
        if read is not None and (cued or read[0].get("period") in ("month", "year")):
            topics.add("budget")
            at.append(read[1])
            yield _answer(ctx, index, "budget", read, asked, 0.9)
    read = V.authority(ctx, index, found, matches, "authority" in firm)
    # "Monday works for both of us" is about a meeting, not about who decides
    joint = [m for m in matches if m.label == "joint" and not V.near_label(ctx, index, matches, "scheduling", m.start)]
    if joint:
        found["joint"] = joint[0]
    volunteered = "self" in found or "other" in found or bool(joint)
    if read is not None and ("authority" in firm or volunteered):
        topics.add("authority")
        at.append(read[1])
        yield _answer(ctx, index, "authority", read, asked, 0.85)
    if "timeline" in asked or "timeline" in found:
        read = V.timeline(ctx, index, "timeline" in firm, matches)
        if read is not None:
            topics.add("timeline")
            at.append(read[1])
            yield _answer(ctx, index, "timeline", read, asked, 0.85)
    if "denied" in found and need_seen:
        if _replies_to_extra_offer(ctx, index):
            return  # "не надо" to a cross-sell turns the extra down; the need the client came with stands
        m = found["denied"]
        yield _answer(ctx, index, "need", ({"denied": True, "summary": None}, m.start, m.end), asked, m.score)
        return
    if "satisfied" in found and not need_seen and not _need_besides(matches, "satisfied"):
        return  # "у меня поставщик есть, всё устраивает": content with what they have states no need
    if ("need" in firm and not topics and not _SHORT_REPLY.match(norm) and not _emotional(ctx, index)
            and not _only_scale(ctx, asked["need"])):
        start = found["need"].start if "need" in found else 0
        read = V.need_summary(ctx, index, start)
        if read is not None and len(norm.split()) >= 3:
            yield _answer(ctx, index, "need", read, asked, 0.8)
            return
    # a need volunteered in its own clause stands beside another fact ("двадцатого концерт, и после него
    # хотим фуршет"); in the same clause the need words only carry that fact ("нужно запуститься до июля")
    apart = all(not V.near_label(ctx, index, [found["need"]], "need", a) for a in at) if "need" in found else False
    if ("need" in found and (not topics or apart) and "denied" not in found
            and _client_turn(ctx, index) <= VOLUNTEERED_NEED_TURNS):
        read = V.need_summary(ctx, index, found["need"].start)
        if read is not None:
            yield _answer(ctx, index, "need", read, asked, found["need"].score)


@register(NAME, order=10)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    asked_q = questions(ctx)
    yield from asked_q
    asked_at: dict[int, list[str]] = {}
    rule_at: dict[int, list[str]] = {}
    for q in asked_q:
        asked_at.setdefault(q.evidence.utterance, []).append(q.get("topic"))
        if q.score > SEMANTIC_CEILING:
            rule_at.setdefault(q.evidence.utterance, []).append(q.get("topic"))
    need_seen = budget_seen = False
    last_budget: dict[str, Any] | None = None
    for index in ctx.speaker_indices("client"):
        firm = set(_asked(ctx, index, rule_at))
        for d in _answers_in(ctx, index, _asked(ctx, index, asked_at), firm, need_seen, budget_seen):
            value = d.get("value", {})
            if d.get("topic") == "budget" and any(value.get(k) is not None for k in ("amount", "min", "max")):
                _keep_period(value, last_budget)
                last_budget = value
            # a refusal to answer ("не ваше дело") states no need, so a later "нам ничего не надо" denies none
            need_seen = need_seen or (d.get("topic") == "need" and not value.get("denied") and not value.get("refused"))
            budget_seen = budget_seen or (d.get("topic") == "budget" and not value.get("refused"))
            yield d


def _keep_period(value: dict[str, Any], before: dict[str, Any] | None) -> None:
    """A restated figure without a period keeps the period said before ("пятьдесят тысяч в месяц, это
    максимум" ... "Максимум пятьдесят, больше не дадут"): the same sum, not a new one-off budget."""
    if before is None or value.get("period") is not None or before.get("period") is None:
        return
    figure = [value.get(k) for k in ("amount", "min", "max")]
    if any(f is not None and f in (before.get("amount"), before.get("min"), before.get("max")) for f in figure):
        value["period"] = before["period"]


def value_of(detection: Detection) -> dict[str, Any]:
    """The value dict of a ``bant.answer`` (empty when missing)."""
    value = detection.get("value")
    return value if isinstance(value, dict) else {}
