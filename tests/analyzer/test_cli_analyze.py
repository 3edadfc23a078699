"""``callgrade analyze`` end to end on plain-text transcripts: JSON, reports, and folder batches."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from analyzer.cli import main

CALL = """\
Менеджер: Добрый день! Компания ТелеСофт, меня зовут Евгений. Чем могу вам помочь?
Клиент: Здравствуйте. Сколько стоит ваша CRM?
Менеджер: От восьмидесяти до ста двадцати тысяч рублей в месяц.
Клиент: Понятно, спасибо, я подумаю.
"""
ITEMS = ["greeting", "target_check", "need_discovered", "budget_discovered", "authority_discovered",
         "timeline_discovered", "price_handling", "cross_sell", "manager_led", "politeness", "next_step", "summary"]


@pytest.fixture()
def call_file(tmp_path: Path) -> Path:
    path = tmp_path / "call1.txt"
    path.write_text(CALL, encoding="utf-8")
    return path


def assert_contract(data: dict) -> None:
    """The CONTRACTS.md call analysis shape, with every evidence quote inside its utterance."""
    assert set(data) == {"call_id", "transcript", "metrics", "detections", "grade", "lead", "versions"}
    utterances = data["transcript"]["utterances"]
    assert utterances and all(u["speaker"] in ("manager", "client", "unknown") for u in utterances)
    assert all(a["start_s"] <= b["start_s"] for a, b in zip(utterances, utterances[1:]))
    assert {"talk_ratio", "longest_monologue_s", "questions", "interruptions", "silence_share",
            "longest_silence_s", "words_per_minute"} <= set(data["metrics"])
    evidence = list(data["detections"])
    for d in data["detections"]:
        assert {"type", "speaker", "utterance", "start_s", "end_s", "quote", "score", "detector"} <= set(d)
    grade = data["grade"]
    assert grade["rubric"] == "sales-call" and grade["rubric_version"] == 1 and 0 <= grade["score"] <= 100
    assert [i["id"] for i in grade["items"]] == ITEMS
    for item in grade["items"]:
        assert item["status"] in ("pass", "fail", "na", "error") and item["message"]
        assert {"points", "max_points", "evidence", "tip"} <= set(item)
        evidence += item["evidence"]
    lead = data["lead"]
    assert {"contact", "budget", "authority", "need", "timeline", "next_step", "products_of_interest",
            "temperature", "category", "status", "disqualification_signals"} <= set(lead)
    assert lead["status"] in ("unqualified", "mql", "sql", "disqualified")
    for ev in evidence:
        assert ev["quote"] in utterances[ev["utterance"]]["text"]
    assert data["versions"]["rubric"] == "sales-call@1"


def test_json_output_follows_the_contract(call_file, capsys):
    assert main(["analyze", str(call_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert_contract(data)
    assert data["call_id"] == "call1"


@pytest.mark.slow
def test_sample_call_audio_to_contract_json(sample_calls_dir, capsys):
    assert main(["analyze", str(sample_calls_dir / "ru_good_call.ogg"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert_contract(data)
    assert data["call_id"] == "ru_good_call" and data["transcript"]["language"] == "ru"
    assert not data["versions"]["asr_model"].startswith("none")


def test_default_output_is_the_text_report(call_file, capsys):
    assert main(["analyze", str(call_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Разбор звонка: call1") and "Оценка менеджера:" in out and "Карточка лида" in out


def test_markdown_and_html_outputs(call_file, tmp_path, capsys):
    assert main(["analyze", str(call_file), "--markdown"]) == 0
    assert capsys.readouterr().out.startswith("# Разбор звонка: call1")
    out = tmp_path / "reports" / "call1.html"
    assert main(["analyze", str(call_file), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Добрый день! Компания ТелеСофт" in page


def test_unknown_rubric_is_a_coded_error(call_file, capsys):
    assert main(["analyze", str(call_file), "--rubric", "nope"]) == 2
    assert "E403: unknown rubric 'nope'" in capsys.readouterr().err


def test_folder_batch_writes_json_per_call_and_summary_and_continues_past_errors(call_file, tmp_path, capsys):
    folder = call_file.parent
    (folder / "call2.txt").write_text(CALL.replace("ТелеСофт", "Ромашка"), encoding="utf-8")
    (folder / "broken.json").write_text('{"utterances": 5}', encoding="utf-8")
    (folder / "notes.md").write_text("not a call", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(folder), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "broken.json: E200" in err and "2/3 calls analyzed" in err
    assert sorted(p.name for p in out.iterdir()) == ["call1.analysis.json", "call2.analysis.json", "summary.csv"]
    with (out / "summary.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["call"] for r in rows] == ["broken", "call1", "call2"]
    assert rows[0]["error"].startswith("E200") and rows[0]["score"] == ""
    saved = json.loads((out / "call1.analysis.json").read_text(encoding="utf-8"))
    assert rows[1]["score"] == f"{saved['grade']['score']:g}"
    assert [rows[1][i] for i in ITEMS] == [i["status"] for i in saved["grade"]["items"]]
    assert rows[1]["lead_status"] == saved["lead"]["status"]
    assert rows[1]["temperature"] == (saved["lead"]["temperature"] or "")


def test_folder_needs_an_out_dir(call_file, capsys):
    assert main(["analyze", str(call_file.parent)]) == 2
    assert "give --out OUTDIR" in capsys.readouterr().err


def test_folder_and_file_options_do_not_mix(call_file, tmp_path, capsys):
    assert main(["analyze", str(call_file.parent), "--out", str(tmp_path / "o"), "--json"]) == 2
    assert "are for one call" in capsys.readouterr().err
    assert main(["analyze", str(call_file), "--out", str(tmp_path / "o")]) == 2
    assert "--out is for a folder" in capsys.readouterr().err
