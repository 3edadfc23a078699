"""Speech regions and their packing into Whisper windows; time mapping back to the recording."""

from __future__ import annotations

import numpy as np
import pytest

from asr.audio import load_audio
from asr.chunks import GAP_S, Chunk, pack, place
from asr.engines.base import CHUNK_S, RawWord
from asr.vad import MAX_REGION_S, Region, speech_regions


def test_packing_fills_windows_per_track_in_time_order():
    regions = [Region(t, s, s + 8.0) for s in range(0, 100, 10) for t in (0, 1)]
    chunks = pack(regions)
    assert all(c.duration_s <= CHUNK_S for c in chunks)
    assert all(len({p.track for p in c.pieces}) == 1 and c.track == c.pieces[0].track for c in chunks)
    assert {p for c in chunks for p in c.pieces} == set(regions)
    assert len(chunks) == 2 * 4  # 10 regions of 8 s per track: 3 per window


def test_words_map_back_to_their_piece():
    chunk = Chunk(0, (Region(0, 10.0, 12.0), Region(0, 20.0, 23.0)))
    assert chunk.duration_s == pytest.approx(5.0 + GAP_S)
    audio = chunk.audio([np.ones(16000 * 30, np.float32)])
    assert len(audio) == pytest.approx(16000 * (5 + GAP_S), abs=2)
    words = [RawWord(" first", 0.5, 1.0, 0.9),
             RawWord(" second", 2.0 + GAP_S - 0.1, 2.0 + GAP_S + 0.4, 0.9)]  # starts in the gap, ends in piece 2
    first, second = place(chunk, words)
    assert (first.start_s, first.end_s, first.piece.start_s) == (10.5, 11.0, 10.0)
    assert second.piece.start_s == 20.0
    assert second.start_s == 20.0 and second.end_s == pytest.approx(20.4)


def test_vad_finds_each_turn_of_a_sample_call(sample_calls_dir):
    import json

    audio = load_audio(sample_calls_dir / "en_good_call.ogg", max_audio_s=600)
    ref = json.loads((sample_calls_dir / "en_good_call.transcript.json").read_text(encoding="utf-8"))
    for channel, role in ((0, "manager"), (1, "client")):
        regions = speech_regions(audio.samples[channel], track=channel, threshold=0.3)
        assert all(r.duration_s <= MAX_REGION_S + 1 for r in regions)
        assert all(a.end_s <= b.start_s for a, b in zip(regions, regions[1:]))
        for u in (u for u in ref["utterances"] if u["speaker"] == role):
            # every turn's opening word is inside a region (Silero alone misses some on phone audio)
            assert any(r.start_s <= u["start_s"] + 0.35 and u["start_s"] < r.end_s for r in regions), u["text"]
