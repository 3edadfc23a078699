"""Every gold file in the evaluation corpus and the sample calls validates, its call parses,
and its labels agree with the rules that tie them together (the brief's definitions)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from analyzer.evaluation import DETECTION_TYPES, find_cases, load_case, load_case_transcript

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [ROOT / "corpus" / "ru", ROOT / "corpus" / "en"]
GOLD_FILES = sorted(p for d in [*CORPUS, ROOT / "sample_calls"] for p in d.glob("*.gold.yaml"))
CORPUS_CASES = list(find_cases(CORPUS))


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_validates_and_call_parses(gold_path):
    case = load_case(gold_path)
    transcript = load_case_transcript(case)
    assert transcript.language == case.gold.language
    assert {u.speaker for u in transcript.utterances} >= {"manager", "client"}
    assert transcript.started_at is not None


@pytest.mark.parametrize("case", CORPUS_CASES, ids=lambda c: c.name)
def test_corpus_call_is_a_realistic_length(case):
    assert 7 <= len(load_case_transcript(case).utterances) <= 40


def test_corpus_size_per_language():
    langs = Counter(c.gold.language for c in CORPUS_CASES)
    assert langs["ru"] >= 28 and langs["en"] >= 16


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("dtype", DETECTION_TYPES)
def test_corpus_has_positives_and_negatives_for_every_type(language, dtype):
    labels = [c.gold.detections.by_type()[dtype] for c in CORPUS_CASES if c.gold.language == language]
    assert any(labels) and not all(labels), f"{dtype}/{language}: needs both positive and negative calls"


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_labels_are_consistent_with_the_rubric_and_lead_rules(gold_path):
    gold = load_case(gold_path).gold
    det = gold.detections.by_type()
    if gold.grade is not None:
        grade = gold.grade.by_item()
        assert (grade["price_handling"] == "na") == (not det["price_first"])
        for item, dtype in (("greeting", "greeting"), ("next_step", "next_step"), ("summary", "summary"),
                            ("cross_sell", "cross_sell")):
            assert grade[item] != "pass" or det[dtype], f"{item} passes without a {dtype} detection"
        for topic in ("need", "budget", "authority", "timeline"):
            assert grade[f"{topic}_discovered"] != "pass" or (det["bant.question"] and det["bant.answer"])
        assert grade["target_check"] != "pass" or det["bant.question"]
        assert grade["politeness"] == "pass" or det["rudeness"]
        assert grade["cross_sell"] != "na" or gold.lead is None or gold.lead.need is None
    lead = gold.lead
    if lead is not None and lead.status is not None and lead.disqualification_signals is not None:
        assert (lead.status == "disqualified") == bool(lead.disqualification_signals)
    if lead is not None and lead.disqualification_signals is not None and det["contradiction"]:
        assert "contradictory_statements" in lead.disqualification_signals
    if lead is not None and lead.status == "sql":
        assert None not in (lead.budget, lead.authority, lead.timeline) and lead.need
