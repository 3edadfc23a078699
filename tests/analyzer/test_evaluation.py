"""The evaluation scorer on hand-built analyses (numbers computed by hand), gold schema errors, and the CLI."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from analyzer.cli import main
from analyzer.errors import DataFileError
from analyzer.evaluation import Gold, load_gold, score_case, summarize
from analyzer.evaluation.gold import DETECTION_TYPES, RUBRIC_ITEMS
from analyzer.evaluation.render import render_report
from analyzer.types import (
    Budget, CallAnalysis, Detection, Evidence, ItemResult, LeadRecord, Metrics, RubricResult, Signal, Transcript,
    Utterance,
)

ROOT = Path(__file__).resolve().parents[2]
TRANSCRIPT = Transcript(
    (Utterance("manager", 0.0, 2.0, "Добрый день, какой у вас бюджет?"),
     Utterance("client", 2.4, 5.0, "Пятьсот тысяч. Нет, сто тысяч рублей.")),
    "ru", started_at=datetime.fromisoformat("2026-11-20T10:00:00+03:00"))
METRICS = Metrics({"manager": 0.4, "client": 0.6}, {}, {"manager": 1, "client": 0}, {}, 0.1, 0.4, {})


def det(dtype: str, speaker: str = "client", **attributes) -> Detection:
    return Detection(dtype, speaker, Evidence.of(TRANSCRIPT, 1 if speaker == "client" else 0), "test.v1",
                     attributes=attributes)


def analysis(*detections: Detection, grade: dict[str, str] | None = None, lead: LeadRecord | None = None) -> CallAnalysis:
    result = None if grade is None else RubricResult(
        "sales-call", 1, 0.0, 100.0, tuple(ItemResult(i, s, 0.0, 1.0) for i, s in grade.items()))
    return CallAnalysis(TRANSCRIPT, METRICS, detections, result, lead, {})


def gold(language: str = "ru", positives: tuple[str, ...] = (), **extra) -> Gold:
    return Gold.model_validate({"language": language, "started_at": "2026-11-20T10:00:00+03:00",
                                "detections": {t: t in positives for t in DETECTION_TYPES}, **extra})


def test_precision_recall_f1_per_type_and_language():
    results = [
        score_case("ru_tp", gold("ru", ("rudeness",)), analysis(det("rudeness", kind="insult"))),
        score_case("ru_fn", gold("ru", ("rudeness",)), analysis()),
        score_case("ru_fp", gold("ru"), analysis(det("rudeness"), det("rudeness"))),
        score_case("en_tp", gold("en", ("rudeness",)), analysis(det("rudeness"))),
    ]
    report = summarize(results)
    ru, en, both = (report.detection[k]["rudeness"] for k in ("ru", "en", "all"))
    assert (ru.tp, ru.fp, ru.fn, ru.tn) == (1, 1, 1, 0)
    assert (ru.precision, ru.recall, ru.f1, ru.support) == (0.5, 0.5, 0.5, 2)
    assert (en.precision, en.recall, en.f1, en.support) == (1.0, 1.0, 1.0, 1)
    assert both.precision == pytest.approx(2 / 3) and both.recall == pytest.approx(2 / 3)
    assert both.f1 == pytest.approx(2 / 3)
    # a type nobody labelled and nobody predicted has no defined score
    assert (both_summary := report.detection["all"]["summary"]).f1 is None and both_summary.tn == 4
    misses = {(m["case"], m["kind"], m["what"]) for m in report.misses()}
    assert misses == {("ru_fn", "missed", "rudeness"), ("ru_fp", "false_alarm", "rudeness")}


def test_missing_every_positive_gives_zero_recall_and_f1_not_none():
    report = summarize([score_case("a", gold("en", ("greeting",)), analysis()),
                        score_case("b", gold("en", ("greeting",)), analysis())])
    c = report.detection["en"]["greeting"]
    assert (c.precision, c.recall, c.f1) == (None, 0.0, 0.0)


def test_expect_entries_need_every_named_attribute():
    g = gold("ru", ("price_first", "rudeness"), expect=[
        {"type": "price_first", "manager_response": "built_value"},
        {"type": "rudeness", "speaker": "manager", "kind": "insult"},
        {"type": "next_step", "date": "2026-11-27"},
    ])
    result = score_case("x", g, analysis(det("price_first", manager_response="built_value"),
                                         det("rudeness", "client", kind="insult"),
                                         det("next_step", date="2026-11-27")))
    assert [c.ok for c in result.expect] == [True, False, True]
    report = summarize([result])
    assert report.expect["price_first"].value == 1.0 and report.expect["rudeness"].value == 0.0
    assert (report.expect["all"].correct, report.expect["all"].total) == (2, 3)


def test_bant_values_take_the_clients_last_statement_and_normalise():
    g = gold("ru", ("bant.answer",), lead={
        "budget": {"amount": 100000, "currency": "RUB", "period": None},
        "authority": {"decision_maker": "self", "role": "director"},
        "timeline": {"date": "2026-12-31"},
        "next_step": {"date": "2026-11-27"},
    })
    result = score_case("x", g, analysis(
        det("bant.answer", topic="budget", value={"amount": 500000, "currency": "RUB", "period": None}),
        det("bant.answer", topic="budget", value={"amount": 100000.0, "currency": "rub", "period": None}),
        det("bant.answer", topic="timeline", value={"date": "2026-12-30"}),
        det("next_step", "manager", date=date(2026, 11, 27), topic="демо"),
    ))
    got = {c.field: (c.ok, c.got) for c in result.bant}
    assert got["budget.amount"] == (True, 100000.0)
    assert got["budget.currency"] == (True, "rub") and got["budget.period"] == (True, None)
    # no authority answer at all: even the fields the gold leaves null count as misses
    assert got["authority.decision_maker"] == (False, "(no answer)") and not got["authority.role"][0]
    assert got["timeline.date"] == (False, "2026-12-30") and got["next_step.date"] == (True, "2026-11-27")
    rates = summarize([result]).bant
    assert (rates["all"].correct, rates["all"].total) == (4, 7) and rates["all.ru"].total == 7


def test_rubric_agreement_per_item_and_overall():
    expected = {i: "pass" for i in RUBRIC_ITEMS} | {"price_handling": "na"}
    predicted = dict(expected) | {"summary": "fail", "price_handling": "error"}
    del predicted["greeting"]
    report = summarize([score_case("x", gold(grade=expected), analysis(grade=predicted))])
    assert report.grade["summary"].value == 0.0 and report.grade["greeting"].value == 0.0
    assert report.grade["need_discovered"].value == 1.0
    assert (report.grade["all"].correct, report.grade["all"].total) == (9, 12)
    wrong = {m["what"]: m["got"] for m in report.misses() if m["kind"] == "grade"}
    assert wrong == {"summary": "fail", "price_handling": "error", "greeting": "missing"}


def test_lead_accuracy_checks_only_named_fields_and_null_means_absent():
    g = gold(lead={"budget": None, "need": True, "status": "disqualified", "temperature": "warm",
                   "disqualification_signals": ["rude_client", "no_budget"]})
    lead = LeadRecord(budget=Budget(100000.0, "RUB", "month"), temperature="warm", status="disqualified",
                      disqualification_signals=(Signal("no_budget"), Signal("rude_client"), Signal("no_budget")))
    result = score_case("x", g, analysis(lead=lead))
    assert {c.field: c.ok for c in result.lead} == {
        "budget": False, "need": False, "temperature": True, "status": True, "disqualification_signals": True}
    budget = next(c for c in result.lead if c.field == "budget")
    assert budget.got["amount"] == 100000.0
    assert summarize([result]).lead["all"].value == pytest.approx(3 / 5)


def test_grade_and_lead_are_not_scored_when_the_analysis_has_none():
    result = score_case("x", gold(grade={i: "fail" for i in RUBRIC_ITEMS}, lead={"status": "mql"}), analysis())
    assert result.grade is None and result.lead is None
    report = summarize([result])
    assert report.grade == {} and report.lead == {}
    assert "nothing compared" in render_report(report)


def test_render_lists_tables_and_misses_by_case():
    report = summarize([score_case("ru_missing_greeting", gold("ru", ("greeting",)), analysis())],
                       errors=[("broken_case", "E200: bad transcript")])
    text = render_report(report)
    assert "greeting" in text and "F1" in text and "support" in text
    assert "ru_missing_greeting" in text and "missed: greeting" in text
    greeting_rows = [line for line in text.splitlines() if line.strip().startswith("greeting ")]
    assert greeting_rows and all(line.endswith(" *") for line in greeting_rows)  # F1 0.00 is below target
    assert "broken_case" in text and "1 could not be analysed" in text


GOLD_TEXT = """language: ru
started_at: "2026-11-20T10:15:00+03:00"
detections:
  greeting: true
  bant.question: true
  bant.answer: true
  price_first: false
  rudeness: false
  contradiction: false
  cross_sell: false
  next_step: true
  summary: true
  meeting_invite: false
expect:
  - {type: rudeness, kind: insult}
lead:
  need: true
"""


@pytest.mark.parametrize("old, new, where, message", [
    ("  summary: true\n", "  summry: true\n", "calls.gold.yaml:12 detections.summry:", "Extra inputs are not permitted"),
    ("  need: true", "  need: [1]", "calls.gold.yaml:17 lead.need:", "Input should be True"),
    ("kind: insult", "kind: rude", "calls.gold.yaml:15 expect[0].kind:", "'profanity', 'insult' or 'dismissive'"),
    ("  rudeness: false\n", "", "calls.gold.yaml:4 detections.rudeness:", "Field required"),
], ids=["unknown_key", "wrong_type", "bad_enum", "missing_required"])
def test_gold_errors_are_located(old, new, where, message):
    assert old in GOLD_TEXT
    with pytest.raises(DataFileError) as info:
        load_gold("calls.gold.yaml", text=GOLD_TEXT.replace(old, new))
    assert where in info.value.message and message in info.value.message
    path = where.split()[1].rstrip(":")
    detail = next(d for d in info.value.details if d["path"] == path)
    assert detail["file"] == "calls.gold.yaml" and detail["line"] == int(where.split(":")[1].split()[0])


def test_gold_accepts_the_sample_call_fields():
    g = load_gold("x.gold.yaml", text=GOLD_TEXT + 'channels: stereo\ndescription: "a call"\n')
    assert g.channels == "stereo" and g.description == "a call"


def test_eval_cli_runs_the_pipeline_on_a_folder(tmp_path, capsys):
    for suffix in (".txt", ".gold.yaml"):
        shutil.copy(ROOT / "corpus" / "ru" / f"ru25_wrong_number{suffix}", tmp_path / f"ru25_wrong_number{suffix}")
    assert main(["eval", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cases"] == 1 and out["languages"] == {"ru": 1}
    greeting = out["detection"]["ru"]["greeting"]
    assert greeting["tp"] + greeting["fn"] == 1 and greeting["support"] == 1
    assert out["grade"]["all"]["total"] == 12 and out["errors"] == []


def test_eval_cli_reports_a_gold_file_without_a_call(tmp_path, capsys):
    (tmp_path / "lonely.gold.yaml").write_text(GOLD_TEXT, encoding="utf-8")
    assert main(["eval", str(tmp_path)]) == 2
    assert "lonely.gold.yaml: no call beside it" in capsys.readouterr().err


def test_eval_cli_stops_once_on_a_broken_rubric(tmp_path, capsys):
    for suffix in (".txt", ".gold.yaml"):
        shutil.copy(ROOT / "corpus" / "en" / f"en25_survey_no_bant{suffix}", tmp_path / f"en25_survey_no_bant{suffix}")
    rubric = tmp_path / "broken.yaml"
    rubric.write_text("id: broken\nversion: 1\nitems: 3\n", encoding="utf-8")
    assert main(["eval", str(tmp_path), "--rubric", str(rubric)]) == 2
    err = capsys.readouterr().err
    assert "broken.yaml" in err and "en25_survey_no_bant" not in err


def test_a_folder_of_language_folders_finds_every_case(tmp_path):
    from analyzer.evaluation.cases import find_cases

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    nested = find_cases([corpus])
    flat = find_cases([corpus / "ru", corpus / "en"])
    assert {c.name for c in nested} == {c.name for c in flat} and len(nested) >= 40
