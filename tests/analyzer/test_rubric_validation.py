"""Invalid rubrics: one test per validation error class, each asserting the message and its location."""

from __future__ import annotations

import pytest

from analyzer.errors import RubricError, UnknownRubric
from analyzer.rubric import load_rubric, parse_rubric
from analyzer.settings import Settings

BASE = """\
id: my
version: 1
title: {ru: "Мой", en: "Mine"}
languages: [ru, en]
items:
  - id: greeting
    title: {ru: "Приветствие", en: "Greeting"}
    points: 10
    severity: medium
    check:
      kind: detection.present.v1
      type: greeting
      window:
        first_s: 20
    messages:
      pass: {ru: ["ок {time}"], en: ["ok {time}"]}
      fail: {ru: ["нет"], en: ["no"]}
    tip: {ru: "совет", en: "tip"}
"""
SOURCE = "rubrics/my.yaml"


def error_of(text: str) -> RubricError:
    with pytest.raises(RubricError) as info:
        parse_rubric(text, source=SOURCE)
    return info.value


def test_the_base_rubric_is_valid():
    rubric = parse_rubric(BASE, source=SOURCE)
    assert rubric.id == "my" and rubric.items[0].check.window.first_s == 20


def test_unknown_key_is_located_at_the_key():
    e = error_of(BASE.replace("first_s: 20", "first_s: 20\n        colour: red"))
    assert e.message == f"{SOURCE}:15 items[0].check.window.colour: Extra inputs are not permitted"
    assert e.details == [{"file": SOURCE, "line": 15, "path": "items[0].check.window.colour",
                          "message": "Extra inputs are not permitted"}]


def test_wrong_type():
    e = error_of(BASE.replace("points: 10", "points: ten"))
    assert e.message.startswith(f"{SOURCE}:8 items[0].points: Input should be a valid number")


def test_missing_field():
    e = error_of(BASE.replace("    severity: medium\n", ""))
    assert e.message == f"{SOURCE}:6 items[0].severity: Field required"


def test_unknown_check_kind_lists_the_known_ones():
    e = error_of(BASE.replace("detection.present.v1", "phrase.v9"))
    assert e.message.startswith(f"{SOURCE}:11 items[0].check: Input tag 'phrase.v9' found using 'kind' does not match")
    assert "'order.before.v1'" in e.message


def test_unknown_detection_type():
    e = error_of(BASE.replace("type: greeting", "type: greting"))
    assert e.message.startswith(f"{SOURCE}:12 items[0].check.type: Input should be 'bant.question'")


def test_invalid_window_has_exactly_one_bound():
    e = error_of(BASE.replace("first_s: 20", "first_s: 20\n        last_s: 5"))
    assert e.message.startswith(f"{SOURCE}:14 items[0].check.window: Value error, a window has exactly one of")


def test_invalid_metric_name():
    text = BASE.replace("kind: detection.present.v1\n      type: greeting\n      window:\n        first_s: 20",
                        "kind: metric.threshold.v1\n      metric: questions.boss\n      min: 4")
    e = error_of(text)
    assert e.message.startswith(f"{SOURCE}:12 items[0].check.metric: String should match pattern")


def test_bounds_in_the_wrong_order():
    text = BASE.replace("kind: detection.present.v1\n      type: greeting\n      window:\n        first_s: 20",
                        "kind: metric.threshold.v1\n      metric: talk_ratio.manager\n      min: 0.7\n      max: 0.3")
    e = error_of(text)
    assert e.message == f"{SOURCE}:11 items[0].check: Value error, min 0.7 is greater than max 0.3"


def test_nested_errors_are_located_inside_composite_checks():
    text = BASE.replace("kind: detection.present.v1\n      type: greeting\n      window:\n        first_s: 20",
                        "kind: all.v1\n      checks:\n        - {kind: detection.absent.v1, type: rudeness, who: manager}")
    e = error_of(text)
    assert e.message == f"{SOURCE}:13 items[0].check.checks[0].who: Extra inputs are not permitted"


def test_duplicate_item_ids():
    text = BASE + BASE[BASE.index("  - id"):]
    e = error_of(text)
    assert e.message == f"{SOURCE}:19 items[1].id: duplicate item id 'greeting' (first at items[0])"


def test_text_missing_a_rubric_language():
    e = error_of(BASE.replace('tip: {ru: "совет", en: "tip"}', 'tip: {ru: "совет"}'))
    assert e.message == f"{SOURCE}:18 items[0].tip.en: missing the 'en' text (the rubric's languages are ['ru', 'en'])"


def test_every_problem_is_listed_in_one_error():
    e = error_of(BASE.replace("points: 10", "points: -1").replace("severity: medium", "severity: huge"))
    assert [p["path"] for p in e.details] == ["items[0].points", "items[0].severity"]
    assert len(e.message.splitlines()) == 2


def test_invalid_yaml_syntax():
    e = error_of(BASE.replace("id: my", "id: [my"))
    assert e.message.startswith(f"{SOURCE}:2: invalid YAML")


def test_unknown_rubric_id_names_the_known_ones():
    with pytest.raises(UnknownRubric, match=r"unknown rubric 'nope' .*sales-call"):
        load_rubric("nope", settings=Settings())


def test_missing_rubric_file(tmp_path):
    with pytest.raises(RubricError, match="cannot read"):
        load_rubric(tmp_path / "absent.yaml", settings=Settings())


def test_rubric_by_path_and_by_id_from_the_settings_dir(tmp_path):
    (tmp_path / "my.yaml").write_text(BASE, encoding="utf-8")
    assert load_rubric(tmp_path / "my.yaml", settings=Settings()).id == "my"
    assert load_rubric("my", settings=Settings(rubrics_dir=tmp_path)).id == "my"
