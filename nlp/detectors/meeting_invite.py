"""The manager invites the client to a meeting, demo, presentation or visit."""

from __future__ import annotations

from typing import Iterator

from analyzer.types import Detection
from nlp.context import Context
from nlp.detectors._common import phrase_detections
from nlp.registry import register

NAME = "meeting_invite.v1"


@register(NAME, order=40)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    return phrase_detections(ctx, file="meeting", label="invite", type="meeting_invite", detector=NAME,
                             speakers=("manager",))
