"""Rudeness: swearing (masked too), insults, dismissive phrases; no alarms on innocent words or polite refusals."""

from __future__ import annotations

import pytest

from analyzer.errors import LexiconError
from nlp.detectors.rudeness import detect
from nlp.profanity import load_wordlist


@pytest.mark.parametrize("line, kind", [
    ("Клиент: Да вы там охуели совсем с такими ценами", "profanity"),
    ("Клиент: Это х*р знает что такое", "profanity"),
    ("Клиент: бл@, опять вы", "profanity"),
    ("Клиент: ну это п...ц конечно", "profanity"),
    ("Клиент: Вы там все тупые, что ли?", "insult"),
    ("Клиент: Какой идиот это придумал", "insult"),
    ("Клиент: Отвалите от меня со своей рекламой", "dismissive"),
    ("Клиент: А это не ваше дело, сколько у нас денег", "dismissive"),
    ("Клиент: вы меня уже достали своими звонками", "dismissive"),
    ("Client: This is f**king ridiculous", "profanity"),
    ("Client: What the fuck is this", "profanity"),
    ("Client: You guys are idiots", "insult"),
    ("Client: Just shut up and listen", "dismissive"),
    ("Client: That's none of your business", "dismissive"),
])
def test_rude_utterances_are_found_with_their_kind(run_detector, line, kind):
    found, _ = run_detector(detect, line)
    assert kind in {d.get("kind") for d in found}
    assert all(d.type == "rudeness" and d.speaker == "client" for d in found)


@pytest.mark.parametrize("line", [
    "Клиент: Нет, спасибо, нам не интересно",
    "Клиент: Пожалуйста, больше не звоните, нам это не нужно",
    "Менеджер: Сто двадцать рублей за штуку, команда у нас опытная",
    "Менеджер: Застрахуйте груз, и не придётся оскорблять перевозчика претензиями",
    "Клиент: Финдир по ебитде всё посчитал",
    "Клиент: приходите на вебинар, себестоимость там разберём",
    "Client: No thanks, we're not interested",
    "Client: Our assistant in Scunthorpe will send the documents",
    "Client: How often does a ticket get lost? Maybe once a month",
    "Client: This may be a dumb question, but do you integrate with Xero?",
])
def test_innocent_words_and_polite_refusals_are_not_rude(run_detector, line):
    found, _ = run_detector(detect, line)
    assert found == []


def test_manager_rudeness_is_attributed_to_the_manager(run_detector):
    found, _ = run_detector(detect, "Клиент: Сколько стоит?\nМенеджер: Да блин, не ваше дело, ёпт, читайте сайт")
    assert {d.speaker for d in found} == {"manager"}
    assert {d.get("kind") for d in found} == {"dismissive"}


def test_evidence_points_at_the_rude_word(run_detector):
    found, transcript = run_detector(detect, "Клиент: Слушайте, вы идиоты или как?")
    [d] = found
    assert d.evidence.quote == "идиоты"
    assert transcript.utterances[0].text[d.evidence.char_start:d.evidence.char_end] == "идиоты"


def test_mild_euphemisms_count_only_when_masked():
    ru = load_wordlist("ru")
    assert ru.find("ну это хрень какая-то") == []
    assert [h.kind for h in ru.find("ну это хр*нь какая-то")] == ["mild"]


def test_latin_look_alikes_inside_cyrillic_words_are_folded():
    assert load_wordlist("ru").find("ну и пиzдец")


def test_a_broken_word_list_is_reported_with_its_line(tmp_path):
    (tmp_path / "ru_profanity.csv").write_text("form,kind\nслово,profanity\nдругое,rude\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"ru_profanity.csv:3: expected 'form,kind'"):
        load_wordlist("ru", tmp_path)


@pytest.mark.parametrize("text, kind", [
    ("your f***ing booking form crashed again", "profanity"),  # not the insult that also fits the mask
    ("and fix your sh!tty website", "profanity"),  # "!" masks between letters
])
def test_masked_english_swearing_reads_as_profanity(text, kind):
    from nlp.profanity import load_wordlist
    [hit] = load_wordlist("en").find(text)
    assert ("insult" if hit.kind == "insult" else "profanity") == kind


def test_exclamation_mark_at_a_word_end_masks_nothing():
    from nlp.profanity import load_wordlist
    assert load_wordlist("en").find("wow! great, thanks!") == []


@pytest.mark.parametrize("text", [
    "Клиент: Прививки, осмотры, УЗИ беременных сук, всё это нужно.",
    "Клиент: У нас кобели и суки отдельно, две суки сейчас в течке.",
    "Client: We need ultrasound scans for pregnant bitches and checkups for the stud dogs.",
])
def test_breeding_terms_are_not_rudeness(run_detector, text):
    """A listed word in its literal sense (a female dog) is no swearing; a masked form still would be."""
    found, _ = run_detector(detect, text)
    assert found == []


@pytest.mark.parametrize("text", ["Клиент: Вот сука, опять не работает.", "Client: This is such a bitch to set up."])
def test_the_same_words_as_swearing_still_count(run_detector, text):
    found, _ = run_detector(detect, text)
    assert found
