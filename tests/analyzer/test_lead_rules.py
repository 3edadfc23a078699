"""Lead rules as data: the default file's fixtures, strict validation with located errors, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from rubric_builders import call, det

from analyzer.errors import DataFileError
from analyzer.lead import build_lead
from analyzer.lead.rules import DEFAULT_RULES, decide, fixture_facts, holds, load_rules, matches
from analyzer.lead.rules.schema import Condition, DetectionMatch
from analyzer.settings import Settings

SETTINGS = Settings(_env_file=None)
RULES = load_rules(SETTINGS)


@pytest.mark.parametrize("fixture", RULES.fixtures, ids=[f.name for f in RULES.fixtures])
def test_default_rules_fixture(fixture):
    verdict = decide(RULES, fixture_facts(fixture.facts), SETTINGS)
    assert (verdict.temperature, verdict.status, verdict.category) == (
        fixture.expect.temperature, fixture.expect.status, fixture.expect.category)


def test_default_fixtures_cover_every_verdict():
    expected = [f.expect for f in RULES.fixtures]
    assert {e.temperature for e in expected} == {"cold", "warm", "hot"}
    assert {e.status for e in expected} == {"unqualified", "mql", "sql", "disqualified"}
    assert {e.category for e in expected} == {"strategic", "perspective", "operational", "problem"}


def test_thresholds_come_from_settings():
    facts = fixture_facts(RULES.fixtures[0].facts.model_copy(update={"yearly_budget_rub": 500_000.0,
                                                                     "known": ["budget"]}))
    assert decide(RULES, facts, SETTINGS).category == "perspective"
    lowered = Settings(_env_file=None, category_strategic_budget_rub=400_000.0)
    assert decide(RULES, facts, lowered).category == "strategic"


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT_RULES.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "rules.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def _error(path: Path) -> DataFileError:
    with pytest.raises(DataFileError) as info:
        load_rules(Settings(_env_file=None, lead_rules=path))
    return info.value


def test_unknown_key_is_located(tmp_path):
    path = _broken(tmp_path, "  default: unqualified", "  default: unqualified\n  fallback: cold")
    err = _error(path)
    assert f"{path}:{_line_of(path, 'fallback')} status.fallback: Extra inputs are not permitted" in err.message
    assert err.code == "E400"


def test_undeclared_cue_is_located(tmp_path):
    path = _broken(tmp_path, "when: {cue_any: [hot.invoice,", "when: {cue_any: [hot.invoce,")
    err = _error(path)
    line = _line_of(path, "hot.invoce")
    assert f"{path}:{line} temperature.rules[2].when.cue_any[0]: cue 'hot.invoce' is not declared in 'cues'" \
        in err.message


def test_undeclared_signal_in_mapping_is_located(tmp_path):
    path = _broken(tmp_path, "signal: contradictory_statements}", "signal: contradicting}")
    err = _error(path)
    assert f":{_line_of(path, 'contradicting')} detection_signals[4].signal: signal 'contradicting'" in err.message


def test_undeclared_repeated_cue_is_located(tmp_path):
    path = _broken(tmp_path, "{cue: postponed, calls: 2,", "{cue: postponing, calls: 2,")
    err = _error(path)
    assert f":{_line_of(path, 'cue: postponing')} merge.repeated_cues[0].cue: cue 'postponing' is not declared" \
        in err.message


def test_wrong_verdict_value_is_located(tmp_path):
    path = _broken(tmp_path, "    - value: hot\n      when: {cue_any", "    - value: boiling\n      when: {cue_any")
    err = _error(path)
    assert f":{_line_of(path, 'boiling')} temperature.rules[2].value: Input should be 'cold', 'warm' or 'hot'" \
        in err.message


def test_unknown_setting_threshold_is_located(tmp_path):
    path = _broken(tmp_path, "at_least: category_strategic_budget_rub", "at_least: strategic_threshold")
    err = _error(path)
    assert f":{_line_of(path, 'strategic_threshold')} category.rules[1].when.yearly_budget_rub_at_least" \
        in err.message
    assert "'strategic_threshold' is not a numeric setting" in err.message


def test_signal_and_signal_from_together_are_rejected(tmp_path):
    path = _broken(tmp_path, "signal_from: code}", "signal_from: code, signal: outside_territory}")
    err = _error(path)
    assert f":{_line_of(path, 'signal_from: code')} detection_signals[5]: " in err.message
    assert "give exactly one of 'signal' or 'signal_from'" in err.message


def test_empty_condition_is_rejected(tmp_path):
    path = _broken(tmp_path, "when: {status_in: [disqualified]}", "when: {}")
    err = _error(path)
    assert "category.rules[0].when: Value error, a condition needs at least one key" in err.message


def test_invalid_yaml_is_located(tmp_path):
    path = _broken(tmp_path, "version: 1", "version: [1")
    err = _error(path)
    assert f"{path}:" in err.message and "invalid YAML" in err.message


def test_settings_lead_rules_overrides_the_default(tmp_path):
    path = _broken(tmp_path, "  default: cold\n", "  default: warm\n")
    rules = load_rules(Settings(_env_file=None, lead_rules=path))
    assert rules.temperature.default == "warm"
    assert load_rules(SETTINGS).temperature.default == "cold"


def test_build_lead_follows_the_rules_file_in_settings(tmp_path):
    t = call("c: Понятно, до свидания.")
    assert build_lead(t, [], settings=SETTINGS).status == "unqualified"
    path = _broken(tmp_path, "  default: unqualified\n", "  default: mql\n")
    lead = build_lead(t, [], settings=Settings(_env_file=None, lead_rules=path))
    assert (lead.temperature, lead.status) == ("cold", "mql")


FACTS = fixture_facts(RULES.fixtures[0].facts.model_copy(update={
    "cues": ["warm.interest", "cold.not_interested"], "signals": ["no_budget"], "known": ["need", "budget"],
    "yearly_budget_rub": 250_000.0, "previous_temperature": "hot"}))


@pytest.mark.parametrize("condition,expected", [
    ({"cue_any": ["warm.interest", "hot.invoice"]}, True),
    ({"cue_any": ["hot.invoice"]}, False),
    ({"last_cue_in": ["cold.not_interested"]}, True),
    ({"last_cue_in": ["warm.interest"]}, False),
    ({"has_signal": True}, True),
    ({"has_signal": False}, False),
    ({"signal_any": ["rude_client"]}, False),
    ({"known_all": ["need", "budget"]}, True),
    ({"known_all": ["need", "timeline"]}, False),
    ({"budget_known": True}, True),
    ({"yearly_budget_rub_at_least": 250000}, True),
    ({"yearly_budget_rub_at_least": "category_strategic_budget_rub"}, False),
    ({"previous_temperature_in": ["hot"]}, True),
    ({"temperature_in": ["cold"]}, False),  # not decided yet when only facts are given
    ({"cue_any": ["warm.interest"], "has_signal": False}, False),  # every key must hold
    ({"any": [{"has_signal": False}, {"budget_known": True}]}, True),
    ({"all": [{"has_signal": True}, {"budget_known": False}]}, False),
    ({"not": {"cue_any": ["hot.invoice"]}}, True),
])
def test_each_condition_key(condition, expected):
    assert holds(Condition.model_validate(condition), FACTS, SETTINGS) is expected


@pytest.mark.parametrize("match,attributes,expected", [
    ({"type": "bant.answer", "topic": "need"}, {"topic": "need", "value": {"summary": "CRM"}}, True),
    ({"type": "bant.answer", "topic": "budget"}, {"topic": "need", "value": {"summary": "CRM"}}, False),
    ({"type": "bant.answer", "value": {"refused": True}}, {"topic": "budget", "value": {"refused": True}}, True),
    ({"type": "bant.answer", "value": {"refused": True}}, {"topic": "budget", "value": "lots"}, False),
    ({"type": "bant.answer", "value_absent": ["denied"]}, {"topic": "need", "value": {"denied": True}}, False),
    ({"type": "bant.answer", "value_absent": ["denied"]}, {"topic": "need", "value": {"denied": None}}, True),
    ({"type": "meeting_invite", "attributes": {"reaction": "accepted"}}, {"reaction": "declined"}, False),
    ({"type": "meeting_invite", "speaker": "client"}, {}, False),
])
def test_detection_mappings_match_by_subset(match, attributes, expected):
    t = call("m: Добрый день.")
    d = det(t, match["type"], 0, **attributes)
    assert matches(DetectionMatch.model_validate(match), d, {}) is expected
