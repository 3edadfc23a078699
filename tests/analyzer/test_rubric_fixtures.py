"""Every rubric's fixtures: a short call through the real detectors and the grader must get each item's expected status."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.rubric import available_rubrics, grade, load_rubric
from analyzer.rubric.fixtures import fixture_paths, load_fixture
from analyzer.settings import Settings

SETTINGS = Settings()
CASES = [(rubric_id, path) for rubric_id in available_rubrics(SETTINGS)
         for path in fixture_paths(SETTINGS.rubrics_dir, rubric_id)]


def test_every_rubric_ships_fixtures_covering_every_item():
    for rubric_id in available_rubrics(SETTINGS):
        paths = fixture_paths(SETTINGS.rubrics_dir, rubric_id)
        assert len(paths) >= 3, f"{rubric_id}: ship at least three fixtures"
        item_ids = [i.id for i in load_rubric(rubric_id, settings=SETTINGS).items]
        for path in paths:
            assert sorted(load_fixture(path).expect) == sorted(item_ids), path.name
        seen = {status for path in paths for status in load_fixture(path).expect.values()}
        assert seen >= {"pass", "fail"}


@pytest.mark.parametrize(("rubric_id", "path"), CASES, ids=[f"{r}/{Path(p).stem}" for r, p in CASES])
def test_fixture_statuses(rubric_id: str, path: Path):
    from nlp import analyze_text

    fixture = load_fixture(path)
    transcript = fixture.to_transcript(path.stem)
    text = analyze_text(transcript, settings=SETTINGS)
    result = grade(load_rubric(rubric_id, settings=SETTINGS), transcript=transcript,
                   detections=text.detections, metrics=text.metrics)
    got = {i.id: i.status for i in result.items}
    wrong = {k: f"expected {v}, got {got[k]}: {result.item(k).message}" for k, v in fixture.expect.items() if got[k] != v}
    assert not wrong, wrong
