"""The openai-whisper backend on the bundled weights converted by ``callgrade models convert-openai``."""

from __future__ import annotations

import pytest

from analyzer.cli import main
from analyzer.errors import BadRequest
from asr.convert import openai_state, read_ct2

pytestmark = pytest.mark.slow

CALL = "ru_rude_client"  # the shortest stereo sample call


@pytest.fixture(scope="session")
def converted(tmp_path_factory):
    out = tmp_path_factory.mktemp("openai") / "whisper-base.pt"
    assert main(["models", "convert-openai", str(out)]) == 0
    return out


def test_ct2_variables_map_one_to_one_onto_openai_whisper():
    from whisper.model import ModelDimensions, Whisper

    from asr.bundled import bundled_files

    dims, state = openai_state(read_ct2(bundled_files()["model.bin"].getbuffer()))
    model = Whisper(ModelDimensions(**dims))
    import torch

    result = model.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in state.items()}, strict=True)
    assert not result.missing_keys and not result.unexpected_keys
    assert dims["n_audio_layer"] == dims["n_text_layer"] == 6 and dims["n_vocab"] == 51865


def test_convert_refuses_to_overwrite(converted):
    assert converted.stat().st_size > 100 << 20
    with pytest.raises(BadRequest):
        from analyzer.cli.models import run_convert

        run_convert(type("Args", (), {"out": converted, "force": False})())


def test_openai_backend_gives_the_same_transcript_as_faster_whisper(converted, transcribe_sample):
    """Same weights, same precision (float32), same audio, greedy decoding: the same words and timings."""
    reference = transcribe_sample(CALL, asr_compute_type="float32")
    openai = transcribe_sample(CALL, asr_engine="openai-whisper", asr_model=str(converted))
    assert openai.asr.engine == "openai-whisper" and openai.asr.model == str(converted)
    assert [u.text for u in openai.utterances] == [u.text for u in reference.utterances]
    assert [u.speaker for u in openai.utterances] == [u.speaker for u in reference.utterances]
    for a, b in zip(openai.utterances, reference.utterances):
        assert [w.start_s for w in a.words] == pytest.approx([w.start_s for w in b.words], abs=0.05)


def test_openai_backend_is_close_to_the_int8_default(converted, transcribe_sample):
    from asr.evaluate import word_error_rate

    default = transcribe_sample(CALL)
    openai = transcribe_sample(CALL, asr_engine="openai-whisper", asr_model=str(converted))
    # int8 (default) vs float32 weights: a few words differ, no more
    assert word_error_rate(openai, default) < 0.15
