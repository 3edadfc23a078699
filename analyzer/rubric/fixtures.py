"""Rubric fixtures: short calls with the expected status of every item, run by the tests.

They live in ``rubrics/fixtures/<rubric id>/*.yaml`` (semgrep keeps ``# ruleid:`` examples beside each
rule the same way), so whoever edits a rubric sees at once which examples it must still grade right.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from analyzer.contract import transcript_from_text
from analyzer.datafile import load_yaml_model
from analyzer.errors import RubricError
from analyzer.types import Transcript


class RubricFixture(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    language: Literal["ru", "en"]
    started_at: datetime | None = None
    transcript: str = Field(min_length=1)  # Manager:/Client: (or Менеджер:/Клиент:) lines
    expect: dict[str, Literal["pass", "fail", "na"]]

    def to_transcript(self, call_id: str) -> Transcript:
        return transcript_from_text(self.transcript, language=self.language, call_id=call_id,
                                    started_at=self.started_at)


def fixture_paths(rubrics_dir: str | Path, rubric_id: str) -> list[Path]:
    """The fixture files of a rubric, in name order."""
    return sorted((Path(rubrics_dir) / "fixtures" / rubric_id).glob("*.yaml"))


def load_fixture(path: str | Path) -> RubricFixture:
    return load_yaml_model(path, RubricFixture, error=RubricError)
