"""The hallucination filter and its data file."""

from __future__ import annotations

import pytest

from analyzer.errors import DataFileError
from asr.chunks import TimedWord
from asr.cleanup import DATA, HallucinationRules, clean_turns, load_rules
from asr.turns import Turn
from asr.vad import Region


def _turn(text: str, probability: float = 0.9, track: int = 0) -> Turn:
    piece = Region(track, 0.0, 100.0)
    words = tuple(TimedWord(track, piece, w, i * 0.5, i * 0.5 + 0.4, probability) for i, w in enumerate(text.split()))
    return Turn(track, words)


def _texts(turns: list[Turn]) -> list[str]:
    return [t.text for t in clean_turns(turns)]


def test_subtitle_credits_and_music_captions_are_dropped():
    assert _texts([_turn("Продолжение следует..."), _turn("ИНТРИГУЮЩАЯ МУЗЫКА"),
                   _turn("Субтитры сделал DimaTorzok"), _turn("Thanks for watching!"), _turn("Музыка.")]) == []


def test_a_credit_tail_is_cut_from_a_real_turn():
    assert _texts([_turn("Всего доброго, до свидания. Субтитры создавал DimaTorzok")]) == ["Всего доброго, до свидания."]


def test_a_phrase_inside_a_turn_is_cut_out_word_by_word():
    assert _texts([_turn("Договорились. Продолжение следует... До встречи.")]) == ["Договорились. До встречи."]


def test_real_words_that_look_like_captions_stay_inside_sentences():
    assert _texts([_turn("Нам нужна музыка в зале ожидания")]) == ["Нам нужна музыка в зале ожидания"]


def test_repetition_loops_are_collapsed():
    assert _texts([_turn("да да да да да да да хорошо")]) == ["да да хорошо"]
    assert _texts([_turn("I see, I see, I see, I see, I see, okay")]) == ["I see, I see, okay"]


def test_ordinary_repeats_stay():
    assert _texts([_turn("нет, нет, не надо")]) == ["нет, нет, не надо"]


def test_unsure_noise_turns_are_dropped_but_sure_short_turns_stay():
    assert _texts([_turn("Угу.", probability=0.1), _turn("Угу.", probability=0.8)]) == ["Угу."]


def test_word_timings_stay_with_their_words():
    turn = _turn("Алло. Продолжение следует. Слушаю")
    (cleaned,) = clean_turns([turn])
    assert [w.text for w in cleaned.words] == ["Алло.", "Слушаю"]
    assert cleaned.words[1].start_s == turn.words[3].start_s


def test_data_file_is_strict_and_located(tmp_path):
    assert load_rules(DATA).phrases
    bad = tmp_path / "h.yaml"
    bad.write_text("phrases: [a]\nmax_ngram: 6\nmax_repeat: 2\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"h\.yaml:3 max_repeat"):
        load_rules(bad)
    assert HallucinationRules().max_repeats == 2
