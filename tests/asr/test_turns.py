"""Turn text from Whisper's word pieces."""

from __future__ import annotations

from asr.chunks import TimedWord
from asr.turns import Turn
from asr.vad import Region


def test_pieces_without_a_leading_space_continue_the_word_before():
    piece = Region(0, 0.0, 10.0)
    pieces = [" about", " $2", ",000", " a", " month,", " Tuesday", " the", " 24", "-го", " -", " David", "'s"]
    words = tuple(TimedWord(0, piece, w, i * 0.3, i * 0.3 + 0.2, 0.9) for i, w in enumerate(pieces))
    assert Turn(0, words).text == "about $2,000 a month, Tuesday the 24-го - David's"
