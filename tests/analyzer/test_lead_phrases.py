"""The lead phrase files: every group's examples, contact intros, vocabulary and validation."""

from __future__ import annotations

import pytest

from analyzer.datafile import load_yaml_model
from analyzer.errors import DataFileError
from analyzer.lead.contact import match_contact
from analyzer.lead.phrases import LANGUAGES, PhraseFile, group_spans, load_phrases
from analyzer.lead.rules import load_rules
from analyzer.settings import Settings

GROUPS = [(lang, g) for lang in LANGUAGES for g in load_phrases(lang).groups]
CONTACTS = [(lang, i, p, ex) for lang in LANGUAGES for i, p in enumerate(load_phrases(lang).contact)
            for ex in p.examples]


@pytest.mark.parametrize("lang,group", GROUPS, ids=[f"{lang}:{g.id}" for lang, g in GROUPS])
def test_phrase_group_examples(lang, group):
    missed = [text for text in group.examples.match if not group_spans(group, text)]
    false_hits = [text for text in group.examples.no_match if group_spans(group, text)]
    assert (missed, false_hits) == ([], [])


@pytest.mark.parametrize("lang,index,pattern,example", CONTACTS,
                         ids=[f"{lang}:{i}:{ex.text[:25]}" for lang, i, _, ex in CONTACTS])
def test_contact_pattern_examples(lang, index, pattern, example):
    found = {part: value for part, value, _, _ in match_contact(pattern, example.text)}
    assert (found.get("name"), found.get("company")) == (example.name, example.company)


def test_every_phrase_cue_and_signal_is_in_the_default_vocabulary():
    rules = load_rules(Settings(_env_file=None))
    for lang, group in GROUPS:
        assert group.cue is None or group.cue in rules.cues, f"{lang}:{group.id}"
        assert group.signal is None or group.signal in rules.signals, f"{lang}:{group.id}"


def test_every_disqualification_code_has_phrases_or_a_detection_mapping():
    rules = load_rules(Settings(_env_file=None))
    from_phrases = {g.signal for _, g in GROUPS if g.signal}
    from_detections = {s.signal for s in rules.detection_signals if s.signal}
    generic = any(s.signal_from for s in rules.detection_signals)
    missing = set(rules.signals) - from_phrases - from_detections
    assert generic and missing == set()


GROUP = """language: ru
groups:
  - id: invoice
    cue: hot.invoice
    patterns: ['счет']
    examples: {match: ["счет"]}
"""


def _load(tmp_path, text):
    path = tmp_path / "phrases.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_yaml_model(path, PhraseFile)
    return path, info.value.message


def test_bad_regex_is_located(tmp_path):
    path, message = _load(tmp_path, GROUP.replace("['счет']", "['(счет']"))
    assert f"{path}:5 groups[0].patterns[0]: Value error, invalid regular expression" in message


def test_group_with_cue_and_signal_is_located(tmp_path):
    both = GROUP.replace("    cue: hot.invoice\n", "    cue: hot.invoice\n    signal: no_budget\n")
    path, message = _load(tmp_path, both)
    assert f"{path}:3 groups[0]: Value error, a phrase group emits exactly one of 'cue' or 'signal'" in message


def test_unknown_group_key_is_located(tmp_path):
    path, message = _load(tmp_path, GROUP.replace("    cue: hot.invoice\n", "    cue: hot.invoice\n    weight: 2\n"))
    assert f"{path}:5 groups[0].weight: Extra inputs are not permitted" in message


def test_contact_regex_needs_a_named_group(tmp_path):
    path, message = _load(tmp_path, GROUP + "contact:\n  - regex: 'my name is (\\w+)'\n"
                                            "    examples: [{text: 'my name is Bob'}]\n")
    assert f"{path}:8 contact[0]: Value error, a contact regex needs a named group" in message
