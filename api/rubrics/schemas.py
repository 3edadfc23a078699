"""Rubric responses."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel


class RubricVersionRef(BaseModel):
    version: int
    source: Literal["file", "upload"]


class RubricSummary(BaseModel):
    id: str
    latest: int
    versions: list[RubricVersionRef]


class RubricDetail(BaseModel):
    id: str
    version: int
    source: Literal["file", "upload"]
    yaml: str
    rubric: dict[str, Any]
