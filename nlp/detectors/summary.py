"""The manager recaps what was agreed near the end of the call ("итак, подытожим", "so, to recap")."""

from __future__ import annotations

from typing import Iterator

from analyzer.types import Detection
from nlp.context import Context
from nlp.detectors._common import phrase_detections
from nlp.registry import register

NAME = "summary.v1"
# A recap closes a call: one in the first half is a mid-call check ("давайте я резюмирую, что понял").
FROM_SHARE = 0.5


@register(NAME, order=40)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    first = int(len(ctx.transcript.utterances) * FROM_SHARE)
    found = phrase_detections(ctx, file="summary", label="recap", type="summary", detector=NAME, speakers=("manager",))
    return (d for d in found if d.evidence.utterance >= first)
