"""Conversation metrics on hand-built timings: overlaps, silences, monologues, questions, speech rate."""

from __future__ import annotations

import pytest

from analyzer.contract import transcript_from_text
from analyzer.types import Transcript, Utterance, Word
from nlp.metrics import compute_metrics, count_questions


def _call(*turns: tuple[str, float, float, str]) -> Transcript:
    return Transcript(tuple(Utterance(s, a, b, t) for s, a, b, t in turns), "ru")


def test_talk_ratio_is_share_of_speech_time():
    m = compute_metrics(_call(("manager", 0, 6, "раз два три"), ("client", 7, 9, "да"), ("manager", 10, 12, "ок")))
    assert m.talk_ratio == {"manager": 0.8, "client": 0.2}


def test_overlapping_turn_counts_as_interruption_of_the_other_side():
    m = compute_metrics(_call(
        ("manager", 0.0, 10.0, "я рассказываю про наш продукт очень подробно"),
        ("client", 4.0, 6.0, "подождите подождите"),  # starts while the manager talks
        ("manager", 12.0, 14.0, "да?"),
        ("client", 13.9, 15.0, "ну так вот"),  # 0.1 s before the end: turn-taking jitter
    ))
    assert m.interruptions == {"manager": 0, "client": 1}


def test_overlap_is_not_double_counted_as_speech_time_or_silence():
    m = compute_metrics(_call(("manager", 0, 10, "a"), ("client", 8, 12, "b"), ("manager", 20, 22, "c")))
    # speech covers 0-12 and 20-22 of the 22 s conversation: one 8 s silence
    assert m.longest_silence_s == 8.0
    assert m.silence_share == pytest.approx(8 / 22, abs=1e-3)
    assert m.interruptions == {"manager": 0, "client": 1}


def test_silence_before_first_and_after_last_speech_is_not_counted():
    t = Transcript((Utterance("manager", 5, 7, "алло"), Utterance("client", 9, 11, "да")), "ru", duration_s=40)
    m = compute_metrics(t)
    assert m.longest_silence_s == 2.0
    assert m.silence_share == pytest.approx(2 / 6, abs=1e-3)


def test_longest_monologue_joins_consecutive_turns_and_splits_on_long_pauses():
    m = compute_metrics(_call(
        ("manager", 0, 10, "a"), ("manager", 11, 20, "b"),  # one 20 s monologue
        ("client", 21, 23, "c"),
        ("manager", 24, 30, "d"), ("manager", 40, 45, "e"),  # 10 s pause: two monologues
    ))
    assert m.longest_monologue_s == {"manager": 20.0, "client": 2.0}


def test_monologue_ends_where_the_other_side_breaks_in():
    m = compute_metrics(_call(("manager", 0, 30, "a"), ("client", 12, 14, "b")))
    assert m.longest_monologue_s["manager"] == 12.0


def test_words_per_minute_uses_own_speech_time():
    m = compute_metrics(_call(("manager", 0, 30, " ".join(["слово"] * 60)), ("client", 31, 61, "да нет")))
    assert m.words_per_minute == {"manager": 120.0, "client": 4.0}


def test_words_per_minute_prefers_recognised_words():
    words = tuple(Word(w, i * 0.5, i * 0.5 + 0.4) for i, w in enumerate(["one", "two", "three"]))
    t = Transcript((Utterance("client", 0, 6, "one-two three", words=words),), "en")
    assert compute_metrics(t).words_per_minute["client"] == 30.0


@pytest.mark.parametrize("text, n", [
    ("Как вас зовут? И откуда вы?", 2),
    ("Хорошо. Спасибо.", 0),
    ("сколько у вас сотрудников", 1),  # ASR without punctuation
    ("а когда планируете запуск", 1),
    ("what are you working with budget-wise", 1),
    ("we use excel for now", 0),
    ("ну где то сто двадцать тысяч", 0),  # an indefinite pronoun, not a question
    ("поняла сколько у вас продавцов", 1),
    ("хорошо а для скольких сотрудников вы смотрите абонементы", 1),
    ("а вам важно чтобы клуб был рядом с офисом", 1),
    ("мы какой-то софт уже используем", 0),  # an indefinite pronoun
    ("makes sense so budget wise what are you working with", 1),
    ("okay i will send it over tomorrow", 0),
    ("как договорились. до свидания.", 0),  # punctuated and not a question
])
def test_questions_with_and_without_punctuation(text, n):
    assert count_questions(text) == n


def test_questions_per_side():
    m = compute_metrics(transcript_from_text(
        "Менеджер: Как вас зовут?\nКлиент: Иван. А сколько стоит?\nМенеджер: Какой у вас бюджет? Кто решает?"))
    assert m.questions == {"manager": 3, "client": 1}


def test_unknown_speaker_gets_its_own_entry_and_empty_call_is_zero():
    m = compute_metrics(_call(("unknown", 0, 2, "шум"), ("manager", 3, 5, "алло")))
    assert set(m.talk_ratio) == {"manager", "client", "unknown"}
    empty = compute_metrics(Transcript((), "ru"))
    assert empty.talk_ratio == {"manager": 0.0, "client": 0.0}
    assert empty.silence_share == 0.0 and empty.longest_silence_s == 0.0


@pytest.mark.parametrize("text, typed, asr", [
    ("Хорошо, кто у вас принимает решение о покупке такой системы.", 0, 1),
    ("Понял. Какой бюджет вы закладываете. Спасибо!", 0, 1),
    ("So what budget are you working with. Great!", 0, 1),
    ("Отлично, договорились.", 0, 0),
    ("Когда вам удобно? Кто решает.", 1, 2),
])
def test_asr_periods_do_not_hide_questions(text, typed, asr):
    assert count_questions(text) == typed
    assert count_questions(text, asr=True) == asr


@pytest.mark.parametrize("text, expected", [
    ("how many units do you have and who services them now", 2),
    ("ok and whos handling it for you right now", 1),
    ("ouch ok and like whats your monthly budget for freight overall", 1),
    ("ok and you make the call on switching forwarders", 1),
    ("смотря какая коробка автомат или механика а кто учиться будет вы сами", 1),
    ("а он раньше за рулём сидел хоть немного", 1),
    ("автошкола форсаж добрый день меня зовут денис чем могу помочь", 1),
    ("понятно а по деньгам вы на какую сумму рассчитываете", 1),
    ("я думаю что вам подойдёт и как раз недорого", 0),
    ("two visits a year and is a big deal and will send you the quote", 0),
    ("right now its about thirty two hundred door to port plus customs", 0),
])
def test_unpunctuated_text_counts_each_question_clause(text, expected):
    """Without punctuation, each clause an interrogative opens is a question; one inside a clause is not."""
    assert count_questions(text) == expected
