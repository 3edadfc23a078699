"""Conversation metrics from utterance timings: who talks how much, how fast, who interrupts.

Everything is computed from ``start_s``/``end_s`` only (no language processing beyond counting
questions), so metrics are as good as the timings: word-exact for ASR output, synthesised for
plain-text transcripts (where nobody overlaps).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from analyzer.types import Metrics, Transcript, Utterance

ROLES = ("manager", "client")
# Starting this much before the other side has finished is turn-taking jitter, not an interruption.
OVERLAP_TOLERANCE_S = 0.2
# A pause longer than this splits one speaker's consecutive utterances into separate monologues.
MONOLOGUE_MAX_PAUSE_S = 3.0

_SENTENCE_END = re.compile(r"[.!?…]")
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")
_WORD = re.compile(r"\w+", re.UNICODE)
# Questions in unpunctuated ASR text: a sentence that opens with an interrogative word.
_QUESTION_OPENER = re.compile(
    r"^(?:(?:а|и|ну|так|скажите|подскажите|вот)\s+)*"
    r"(?:как|какой|какая|какое|какие|каким|какую|каков\w*|сколько|когда|кто|кого|кому|где|куда|откуда|почему|"
    r"зачем|что|чем|чего|ли|разве|неужели|можно|могу|можете|могли бы|не могли бы|правильно ли|у вас есть|"
    r"what|how|when|who|whom|whose|where|why|which|do|does|did|are|is|was|were|can|could|would|will|shall|"
    r"should|have|has|may|might)\b(?![- ](?:то|нибудь|либо)\b)",
    re.IGNORECASE,
)
# ...or has a question word further in ("поняла сколько у вас продавцов", "okay and when do you need it",
# a spoken "а вам ..." / "а у вас ..." question);
# only words that rarely start anything else ("что", "как" do: "думаю что", "как раз").
_QUESTION_WORD = re.compile(
    r"(?<!\w)(?:скольк\w*|как(?:ой|ая|ое|ие|ую|им|их|ого|ом|ому)|кто|где|куда|почему|зачем|когда|ли|удобно|"
    r"(?:^|\s)а (?:вам|вы|у вас|ваш\w*|сейчас)|"
    r"what|how many|how much|who|when|where|why|which|do you|are you|can you|could you|would you|have you)"
    r"(?![\w-])(?![- ](?:то|нибудь|либо)\b)",
    re.IGNORECASE,
)


# Unpunctuated text may hold several questions ("how many units do you have and who services them now"):
# a new question starts where an interrogative word opens a clause -- the utterance's start or right after
# a linking word ("а", "и", "and", "ok"), fillers and one preposition allowed between ("а на какой коробке",
# "and like whats your budget"). A question word inside a clause ("смотря какая коробка", "i know what you
# mean") opens none, so statements are not inflated.
_LINK = r"(?:а|и|ну|так|вот|понятно|ясно|хорошо|ладно|поняла?|ок|окей|скажите|подскажите|and|so|ok|okay|gotcha|right|cool|alright|also|but|now|then)"
_FILLER = r"(?:ну|вот|э+|эм|like|um+|uh+|er|well|yeah)"
_PREPOSITION = r"(?:на|в|во|по|с|со|у|за|для|о|об|от|до|к|про|from|for|with|in|on|at|to|about|by)"
_INTERROGATIVE = (
    r"(?:как|как(?:ой|ая|ое|ие|ую|им|их|ого|ом|ому)|скольк\w*|когда|кто|кого|кому|кем|где|куда|откуда|почему|зачем|"
    r"что|чем|чего|чему|разве|неужели|"
    r"what|whats|what's|how|hows|when|whens|who|whos|who's|whom|whose|where|wheres|why|which|"
    r"(?:do|does|did|are|is|was|were|can|could|would|will|have|has)(?= (?:you|we|they|it|he|she|there|your|that|this)\b))"
    # not the set phrases that ask nothing: "как раз", "что ж", "what a ...", "how about we"
    r"(?! (?:раз|будто|обычно|правило|всегда|договаривались|договорились|ж|же|бы|a|an)\b)"
)
# a statement turned question by its pronoun: "а он раньше за рулём сидел", "ok and you make the call"
_DECLARATIVE = (r"(?:а (?:вы|вам|вас|у вас|ваш\w*|он|она|они|сейчас)|"
                r"and you (?:make|decide|need|want|have|handle|use|own|sign|run|already|currently|still|guys))")
_CLAUSE_QUESTION = re.compile(
    rf"(?:^|\s){_LINK}(?:\s+{_FILLER})*(?:\s+{_PREPOSITION})?\s+{_INTERROGATIVE}(?![\w'-])(?![- ](?:то|нибудь|либо)\b)"
    rf"|^(?:{_FILLER}\s+)*(?:{_PREPOSITION}\s+)?{_INTERROGATIVE}(?![\w'-])(?![- ](?:то|нибудь|либо)\b)"
    rf"|(?:^|\s){_DECLARATIVE}(?!\w)"
    r"|(?:^|\s)(?:чем (?:я )?(?:могу|можем) (?:вам )?помочь|how can i help|what can i do for you)(?!\w)",
    re.IGNORECASE,
)


def compute_metrics(transcript: Transcript) -> Metrics:
    """Talk ratio, monologues, questions, interruptions, silence and speech rate of a call.

    Args:
        transcript: a speaker-labelled call; utterances in time order.

    Returns:
        ``Metrics`` keyed by role (``manager``, ``client``, and ``unknown`` when present).
        Silence is measured over the conversation (first speech to last speech), so dial tone
        before and hang-up after do not count.
    """
    utts = transcript.utterances
    roles = ROLES + (("unknown",) if any(u.speaker == "unknown" for u in utts) else ())
    speech = {r: _union([(u.start_s, u.end_s) for u in utts if u.speaker == r]) for r in roles}
    speech_s = {r: _length(speech[r]) for r in roles}
    total = sum(speech_s.values())
    words = {r: sum(_word_count(u) for u in utts if u.speaker == r) for r in roles}
    silence_s, longest_silence = _silence(utts)
    span = (max(u.end_s for u in utts) - min(u.start_s for u in utts)) if utts else 0.0
    return Metrics(
        talk_ratio={r: round(speech_s[r] / total, 3) if total else 0.0 for r in roles},
        longest_monologue_s={r: round(_longest_monologue(utts, r), 2) for r in roles},
        questions={r: sum(count_questions(u.text, asr=transcript.asr is not None) for u in utts if u.speaker == r)
                   for r in roles},
        interruptions={r: _interruptions(utts, r) for r in roles},
        silence_share=round(silence_s / span, 3) if span > 0 else 0.0,
        longest_silence_s=round(longest_silence, 2),
        words_per_minute={r: round(60.0 * words[r] / speech_s[r], 1) if speech_s[r] > 0 else 0.0 for r in roles},
    )


def asks(sentence: str) -> bool:
    """The sentence's words ask something (an interrogative opener or question word), whatever its mark."""
    stripped = sentence.strip()
    return bool(_QUESTION_OPENER.match(stripped) or _QUESTION_WORD.search(stripped))


def count_questions(text: str, *, asr: bool = False) -> int:
    """Questions in one utterance: sentences ending in "?"; unpunctuated text counts one if it asks anything.

    With ``asr``, a sentence Whisper closed with "." also counts when its words ask: recognisers punctuate
    telephone questions unreliably (flat intonation comes out as "Кто у вас принимает решение.").
    """
    if not _SENTENCE_END.search(text):
        return _unpunctuated_questions(text)
    if not asr:
        return text.count("?")
    return sum(1 for sentence in _SENTENCE.findall(text) if sentence.rstrip().endswith("?") or
               (not sentence.rstrip().endswith("!") and asks(sentence)))


def _unpunctuated_questions(text: str) -> int:
    """Questions in text without sentence marks: one per clause an interrogative opens (``_CLAUSE_QUESTION``),
    and one when the words ask something though no clause opens with them ("понятно а по деньгам вы на какую
    сумму рассчитываете")."""
    opened = len(_CLAUSE_QUESTION.findall(text.strip()))
    return opened or (1 if asks(text) else 0)


def _union(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _length(intervals: list[tuple[float, float]]) -> float:
    return sum(end - start for start, end in intervals)


def _silence(utts: tuple[Utterance, ...]) -> tuple[float, float]:
    """Total and longest stretch with nobody speaking, between the first and the last speech."""
    speech = _union([(u.start_s, u.end_s) for u in utts])
    gaps = [b[0] - a[1] for a, b in zip(speech, speech[1:])]
    return sum(gaps), max(gaps, default=0.0)


def _longest_monologue(utts: tuple[Utterance, ...], role: str) -> float:
    """The longest stretch a role talks with nobody else speaking and no long pause."""
    best, start, end = 0.0, None, None
    for u in utts:
        if u.end_s <= u.start_s:
            continue
        if u.speaker != role:
            if start is not None and u.start_s < end:  # the other side speaks: the monologue ends here
                best, start = max(best, u.start_s - start), None
            elif start is not None:
                best, start = max(best, end - start), None
            continue
        if start is not None and u.start_s - end <= MONOLOGUE_MAX_PAUSE_S:
            end = max(end, u.end_s)
        else:
            if start is not None:
                best = max(best, end - start)
            start, end = u.start_s, u.end_s
    if start is not None:
        best = max(best, end - start)
    return best


def _interruptions(utts: tuple[Utterance, ...], role: str) -> int:
    """Turns of ``role`` that start while the other side is still talking."""
    others = sorted((u.start_s, u.end_s) for u in utts if u.speaker not in (role, "unknown"))
    starts = [s for s, _ in others]
    reach = list(accumulate((e for _, e in others), max))  # latest end among turns started so far
    count = 0
    for u in utts:
        if u.speaker != role:
            continue
        k = bisect_left(starts, u.start_s)
        if k and reach[k - 1] - OVERLAP_TOLERANCE_S > u.start_s:
            count += 1
    return count


def _word_count(u: Utterance) -> int:
    return len(u.words) if u.words else len(_WORD.findall(u.text))
