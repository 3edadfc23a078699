from datetime import datetime

import pytest

from analyzer.contract import parse_transcript, transcript_from_dict, transcript_to_dict
from analyzer.errors import TranscriptError
from analyzer.types import Evidence, Transcript, Utterance, Word


def test_plain_text_transcript_accepts_russian_and_english_prefixes():
    t = parse_transcript("Менеджер: Добрый день!\nclient: Hi there\nКЛИЕНТ: ещё\n  продолжение")
    assert [u.speaker for u in t.utterances] == ["manager", "client", "client"]
    assert t.utterances[2].text == "ещё продолжение"
    assert all(a.end_s <= b.start_s for a, b in zip(t.utterances, t.utterances[1:]))


def test_plain_text_without_prefix_points_at_the_line():
    with pytest.raises(TranscriptError, match="line 1"):
        parse_transcript("hello there")


def test_json_round_trip_keeps_words_and_start_time():
    raw = {"language": "ru", "started_at": "2026-11-20T10:15:00+03:00", "utterances": [
        {"speaker": "manager", "start_s": 0.0, "end_s": 1.0, "text": "Добрый день", "channel": 0,
         "words": [{"text": "Добрый", "start_s": 0.0, "end_s": 0.4, "probability": 0.9}]}]}
    t = transcript_from_dict(raw)
    assert t.started_at == datetime.fromisoformat("2026-11-20T10:15:00+03:00")
    again = transcript_from_dict(transcript_to_dict(t))
    assert again.utterances == t.utterances


@pytest.mark.parametrize("bad, where", [
    ({"utterances": [{"speaker": "boss", "start_s": 0, "end_s": 1, "text": "x"}]}, "utterances[0].speaker"),
    ({"utterances": [{"speaker": "client", "start_s": 2, "end_s": 1, "text": "x"}]}, "utterances[0]"),
    ({"utterances": [{"speaker": "client", "start_s": "a", "end_s": 1, "text": "x"}]}, "utterances[0].start_s"),
    ({"utterances": "nope"}, "utterances"),
])
def test_malformed_json_transcript_errors_are_located(bad, where):
    with pytest.raises(TranscriptError) as e:
        transcript_from_dict(bad)
    assert e.value.message.startswith(where)


def test_evidence_quote_matches_text_and_narrows_time_to_words():
    u = Utterance("client", 10.0, 12.0, "около ста тысяч", words=(
        Word("около", 10.0, 10.5), Word("ста", 10.5, 11.0), Word("тысяч", 11.0, 12.0)))
    t = Transcript((u,), "ru")
    ev = Evidence.of(t, 0, 6, 15)
    assert ev.quote == u.text[ev.char_start:ev.char_end] == "ста тысяч"
    assert (ev.start_s, ev.end_s) == (10.5, 12.0)
