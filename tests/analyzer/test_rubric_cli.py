"""``callgrade rubric validate`` and ``callgrade rubric show``."""

from __future__ import annotations

from analyzer.cli import main
from analyzer.settings import PROJECT_ROOT


def test_validate_ok_for_the_default_rubric(capsys):
    assert main(["rubric", "validate", str(PROJECT_ROOT / "rubrics" / "sales-call.yaml")]) == 0
    assert capsys.readouterr().out == "OK sales-call@1: 12 items\n"


def test_validate_prints_each_located_error_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "my.yaml"
    bad.write_text("id: my\nversion: one\ntitle: {ru: x, en: y}\nlanguages: [ru]\nitems: []\n", encoding="utf-8")
    assert main(["rubric", "validate", str(bad)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{bad}:2 version: Input should be a valid integer, unable to parse string as an integer",
        f"{bad}:5 items: List should have at least 1 item after validation, not 0",
    ]


def test_show_lists_items_with_points_and_checks_in_words(capsys):
    assert main(["rubric", "show", "sales-call", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("sales-call v1 — Sales call (ru, en; 12 items, 100 points)")
    assert "greeting  [10 pts, medium]  Greeting\n  pass when: a greeting by manager with company_named=True, " \
           "name_named=True, offer_of_help=True in the first 20 s" in out
    assert "  pass when: (questions.manager >= 4) AND (talk_ratio.manager between 0.3 and 0.65)" in out
    assert "  n/a unless: a price_first by client" in out
    assert "  pass when: a summary by manager in the last 25% of the call" in out


def test_show_unknown_rubric_is_a_coded_error(capsys):
    assert main(["rubric", "show", "nope"]) == 2
    assert "E403" in capsys.readouterr().err
