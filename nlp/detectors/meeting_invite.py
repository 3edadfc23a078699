"""The manager invites the client to a meeting, demo, presentation or visit; ``reaction`` is the client's answer."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from analyzer.types import Detection
from nlp.context import Context
from nlp.detectors._common import client_reaction, phrase_detections
from nlp.registry import register

NAME = "meeting_invite.v1"


@register(NAME, order=40)
def detect(ctx: Context, earlier: tuple[Detection, ...]) -> Iterator[Detection]:
    for d in phrase_detections(ctx, file="meeting", label="invite", type="meeting_invite", detector=NAME,
                               speakers=("manager",)):
        reaction = client_reaction(ctx, d.evidence.utterance, rude_declines=False)
        yield replace(d, attributes={**d.attributes, "reaction": reaction, "accepted": reaction == "accepted"})
