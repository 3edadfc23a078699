"""Every lexicon group's examples run as tests; the schema rejects bad files with located errors."""

from __future__ import annotations

import pytest

from analyzer.errors import LexiconError
from nlp.language import process_text
from nlp.lexicon import DATA_DIR, load_lexicon, lexicon_files
from nlp.lexicon.matcher import CompiledGroup
from nlp.lexicon.schema import Group

CASES = [
    (lang, path.stem, group.id)
    for lang in ("ru", "en")
    for path in lexicon_files(lang)
    for group in load_lexicon(lang).files[path.stem].groups
]


@pytest.mark.parametrize("lang, file, group_id", CASES)
def test_lexicon_group_examples(lang, file, group_id):
    lexicon = load_lexicon(lang)
    group = next(g for g in lexicon.files[file].groups if g.id == group_id)
    for text in group.examples.match:
        assert lexicon.find_group(process_text(text, lang), group_id), f"{lang}/{file}.yaml {group_id}: should match {text!r}"
    for text in group.examples.no_match:
        assert not lexicon.find_group(process_text(text, lang), group_id), f"{lang}/{file}.yaml {group_id}: should not match {text!r}"


def _group(**patterns):
    return CompiledGroup(Group.model_validate({"id": "g", "patterns": [patterns], "examples": {"match": ["x"]}}))


def test_lemma_sequence_matches_inflected_forms_with_gaps():
    group = _group(lemmas=["кто", "принимать", "решение"])
    utt = process_text("А кто у вас обычно принимает окончательное решение?", "ru")
    [m] = group.find(utt)
    assert utt.norm[m.start:m.end] == "кто у вас обычно принимает окончательное решение"


def test_gap_is_bounded():
    group = _group(lemmas=["кто", "решение"], max_gap=1)
    assert not group.find(process_text("кто там у вас в итоге решение", "ru"))


def test_prefix_and_alternatives():
    group = _group(lemmas=["budget|spend*"])
    assert group.find(process_text("What do you usually spend?", "en"))


def test_exclude_vetoes_the_utterance():
    group = CompiledGroup(Group.model_validate({
        "id": "g", "patterns": [{"lemmas": ["сколько"]}], "exclude": [{"lemmas": ["сотрудник"]}],
        "examples": {"match": ["x"]}}))
    assert group.find(process_text("сколько это стоит", "ru"))
    assert not group.find(process_text("сколько у вас сотрудников", "ru"))


@pytest.mark.parametrize("body, where", [
    ("language: ru\ngroups:\n  - id: a\n    patterns: [{lemmas: [x]}]\n    examples: {match: [x]}\n    colour: red\n",
     ":6 groups[0].colour: Extra inputs are not permitted"),
    ("language: ru\ngroups:\n  - id: a\n    patterns: [{regex: '(unclosed'}]\n    examples: {match: [x]}\n",
     ":4 groups[0].patterns[0].regex"),
    ("language: ru\ngroups:\n  - id: a\n    patterns: [{lemmas: [x], regex: y}]\n    examples: {match: [x]}\n",
     ":4 groups[0].patterns[0]: Value error, a pattern has exactly one"),
    ("language: de\ngroups: []\n", ":1 language"),
    ("language: ru\ngroups:\n  - id: a\n    patterns: [{lemmas: [x]}]\n", ":3 groups[0].examples: Field required"),
])
def test_invalid_lexicon_files_report_file_line_and_path(tmp_path, body, where):
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "bad.yaml").write_text(body, encoding="utf-8")
    load_lexicon.cache_clear()
    try:
        with pytest.raises(LexiconError) as e:
            load_lexicon("ru", tmp_path)
    finally:
        load_lexicon.cache_clear()
    assert f"bad.yaml{where}" in e.value.message


def test_data_dir_has_both_languages():
    assert {p.name for p in DATA_DIR.iterdir() if p.is_dir()} >= {"ru", "en"}
