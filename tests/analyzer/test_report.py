"""Reports: the same content in text, Markdown and HTML; the HTML escapes the call and needs nothing external."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from rubric_builders import call, det, metrics

from analyzer.report import render_html, render_markdown, render_text
from analyzer.rubric import grade, load_rubric
from analyzer.settings import Settings
from analyzer.types import Authority, Budget, CallAnalysis, LeadRecord, Need, NextStep, Signal

T = call(
    "m: Добрый день, компания Ромашка, меня зовут Евгений. Чем могу помочь?",
    "c: Сколько стоит? <script>alert('x')</script> | без шуток",
    "m: От восьмидесяти до ста двадцати тысяч.",
    "c: Бюджет сто тысяч в месяц, решаю я.",
)


@pytest.fixture(scope="module")
def analysis() -> CallAnalysis:
    dets = (
        det(T, "greeting", 0, company_named=True, name_named=True, offer_of_help=True),
        det(T, "price_first", 1, "Сколько стоит?", manager_response="named_price",
            response=det(T, "x", 2, "От восьмидесяти до ста двадцати тысяч").evidence),
        det(T, "bant.answer", 3, "Бюджет сто тысяч в месяц", topic="budget",
            value={"amount": 100000, "currency": "RUB", "period": "month"}),
    )
    m = metrics(questions=2, talk=0.5)
    result = grade(load_rubric("sales-call", settings=Settings()), transcript=T, detections=dets, metrics=m)
    lead = LeadRecord(
        budget=Budget(100000, "RUB", "month", dets[2].evidence),
        authority=Authority("self", None, det(T, "x", 3, "решаю я").evidence),
        need=Need("заявки <теряются>"), next_step=NextStep(None, "демо"),
        temperature="warm", category="perspective", status="mql",
        disqualification_signals=(Signal("rude_client", dets[1].evidence),),
    )
    return CallAnalysis(T, m, dets, result, lead, {"callgrade": "test", "rubric": "sales-call@1"}, "call-1")


def test_text_report_lists_score_items_quotes_tips_lead_and_metrics(analysis):
    text = render_text(analysis)
    assert f"Оценка менеджера: {analysis.grade.score:g} / 100" in text
    assert "✗ Работа с вопросом о цене [не выполнено, 0/10]" in text
    assert "Клиент спросил цену на 0:05 («Сколько стоит?»), вы сразу назвали «От восьмидесяти до ста двадцати тысяч»" in text
    assert "«Сколько стоит?» (0:05–0:09)" in text
    assert "Совет: Сначала покажите ценность" in text
    assert "Бюджет: 100 000 RUB в месяц   «Бюджет сто тысяч в месяц»" in text
    assert "Кто решает: сам" in text and "Сроки: —" in text
    assert "Сигналы дисквалификации: rude_client" in text
    assert "Доля речи: менеджер 50% · клиент 50%" in text


def test_markdown_escapes_table_pipes_and_includes_the_transcript(analysis):
    md = render_markdown(analysis)
    assert md.startswith("# Разбор звонка: call-1")
    assert "\\| без шуток" in md
    assert "| `price_first` | клиент | Сколько стоит? |" in md
    assert "- `0:15` **клиент:** Бюджет сто тысяч в месяц, решаю я." in md


def test_html_is_self_contained_and_escapes_everything_from_the_call(analysis):
    page = render_html(analysis)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="ru">' in page
    assert "<script" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "заявки &lt;теряются&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page) and "<link" not in page and "@import" not in page


def test_html_shows_items_quotes_linked_to_the_highlighted_transcript(analysis):
    page = render_html(analysis)
    assert page.count('<section class="item ') == 12
    assert '<section class="item fail" id="item-price_handling">' in page
    assert '<a class="quote" href="#u1">«Сколько стоит?»<time>0:05–0:09</time></a>' in page
    assert '<div class="u client" id="u1">' in page and "<mark>Сколько стоит?</mark>" in page
    assert 'class="pill warm"' in page and '<span class="signal"' in page
    assert f"<span>{analysis.grade.score:g}<small>/ 100</small></span>" in page


def test_reports_follow_the_call_language_and_survive_missing_grade_and_lead(analysis):
    en = replace(analysis, transcript=replace(T, language="en"), grade=None, lead=None)
    assert "Manager score: not graded" in render_text(en)
    assert "no lead record" in render_markdown(en)
    assert '<html lang="en">' in render_html(en)
