"""The manager recaps what was agreed ("итак, подытожим", "so, to recap"); the rubric checks it is near the end."""

from __future__ import annotations

from typing import Iterator

from analyzer.types import Detection
from nlp.context import Context
from nlp.detectors._common import phrase_detections
from nlp.registry import register

NAME = "summary.v1"


@register(NAME, order=40)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    return phrase_detections(ctx, file="summary", label="recap", type="summary", detector=NAME, speakers=("manager",))
