"""Who is the manager on a mono call: lexical cues, override, confidence; stereo channel mapping."""

from __future__ import annotations

import pytest

from analyzer.errors import AudioChannelsError
from asr import parse_channels
from asr.chunks import TimedWord
from asr.roles import assign_roles
from asr.turns import Turn
from asr.vad import Region


def _turns(lines: list[tuple[int, str]]) -> list[Turn]:
    out, t = [], 0.0
    for track, text in lines:
        piece = Region(track, t, t + 10)
        words = tuple(TimedWord(track, piece, w, t + i * 0.4, t + i * 0.4 + 0.3, 0.9) for i, w in enumerate(text.split()))
        out.append(Turn(track, words))
        t = words[-1].end_s + 0.5
    return out


RU = [(1, "Алло, здравствуйте."), (0, "Добрый день! Компания Ромашка, меня зовут Ольга. Чем могу помочь?"),
      (1, "Сколько стоит ваша CRM?"), (0, "Подскажите, сколько у вас менеджеров? Какой бюджет вы рассматриваете?"),
      (1, "Человек десять, нам нужна простая система.")]
EN = [(0, "Hello?"), (1, "Hi, this is Anna calling from Acme Software. Is it a good time?"),
      (0, "Sure, how much does it cost?"), (1, "Let me ask first: how many people will use it, and what budget do you have?")]


def test_manager_found_by_greeting_and_questions_in_russian():
    roles, confidence = assign_roles(_turns(RU), "ru")
    assert roles == {0: "manager", 1: "client"}
    assert confidence > 0.9


def test_manager_found_even_when_the_client_speaks_first_in_english():
    roles, confidence = assign_roles(_turns(EN), "en")
    assert roles == {1: "manager", 0: "client"}
    assert confidence > 0.8


def test_no_cues_means_a_guess():
    roles, confidence = assign_roles(_turns([(0, "Да."), (1, "Нет."), (0, "Хорошо.")]), "ru")
    assert set(roles.values()) == {"manager", "client"}
    assert 0.5 <= confidence < 0.8


def test_override_makes_the_first_voice_the_manager():
    roles, confidence = assign_roles(_turns(RU), "ru", mode="first_manager")
    assert roles == {1: "manager", 0: "client"} and confidence == 1.0
    roles, _ = assign_roles(_turns(RU), "ru", mode="first_client")
    assert roles == {1: "client", 0: "manager"}


def test_one_voice_stays_unknown():
    roles, confidence = assign_roles(_turns([(0, "Компания Ромашка, слушаю.")]), "ru")
    assert roles == {0: "unknown"} and confidence == 0.0


def test_a_third_small_voice_stays_unknown():
    roles, _ = assign_roles(_turns(RU + [(2, "Угу.")]), "ru")
    assert roles[2] == "unknown" and roles[0] == "manager"


def test_channel_mapping_parses_and_rejects_nonsense():
    assert parse_channels("client, manager") == ("client", "manager")
    assert parse_channels(["manager", "client"]) == ("manager", "client")
    for bad in ("manager", "manager,client,client", "boss,client"):
        with pytest.raises(AudioChannelsError) as e:
            parse_channels(bad)
        assert e.value.code == "E106"
