"""The PyAV loader: every common format in, 16 kHz float32 channels out; bad input -> coded errors."""

from __future__ import annotations

import wave
from pathlib import Path

import av
import numpy as np
import pytest

from analyzer.errors import AudioDecodeError, AudioEmpty, AudioNotFound, AudioSilent, AudioTooLong
from asr.audio import SAMPLE_RATE, load_audio


def _tone(seconds: float, rate: int, channels: int) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    left = 0.3 * np.sin(2 * np.pi * 440 * t)
    right = 0.2 * np.sin(2 * np.pi * 660 * t)
    return np.stack([left, right][:channels]).astype(np.float32)


def _encode(path: Path, samples: np.ndarray, rate: int, codec: str) -> Path:
    """Writes (channels, n) float audio with PyAV in the container the path's suffix names."""
    layout = "stereo" if samples.shape[0] == 2 else "mono"
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        # frames are built as planar float and converted to whatever the encoder takes
        resampler = av.AudioResampler(format=stream.codec_context.format.name, layout=layout, rate=rate,
                                      frame_size=stream.codec_context.frame_size or None)
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples), format="fltp", layout=layout)
        frame.sample_rate = rate
        for converted in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(converted):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


FORMATS = [("wav", "pcm_s16le", 44100), ("flac", "flac", 8000), ("mp3", "libmp3lame", 44100),
           ("ogg", "libopus", 48000), ("m4a", "aac", 44100)]


@pytest.mark.parametrize(("suffix", "codec", "rate"), FORMATS)
@pytest.mark.parametrize("channels", [1, 2])
def test_common_formats_decode_to_16k_float_channels(tmp_path, suffix, codec, rate, channels):
    path = _encode(tmp_path / f"tone.{suffix}", _tone(2.0, rate, channels), rate, codec)
    audio = load_audio(path, max_audio_s=60)
    assert audio.samples.dtype == np.float32
    assert audio.channels == channels
    assert audio.duration_s == pytest.approx(2.0, abs=0.1)
    assert audio.source_rate == rate
    # the tone survives resampling: 440 Hz dominates the left channel
    spectrum = np.abs(np.fft.rfft(audio.samples[0][: SAMPLE_RATE]))
    assert np.argmax(spectrum) == pytest.approx(440, abs=3)


def test_stereo_channels_stay_apart(tmp_path):
    path = _encode(tmp_path / "two.flac", _tone(1.0, 8000, 2), 8000, "flac")
    audio = load_audio(path, max_audio_s=60)
    left, right = (np.argmax(np.abs(np.fft.rfft(ch[:SAMPLE_RATE]))) for ch in audio.samples)
    assert (left, right) == (pytest.approx(440, abs=3), pytest.approx(660, abs=3))


def test_sample_call_is_8k_telephone_stereo(sample_calls_dir):
    audio = load_audio(sample_calls_dir / "ru_good_call.ogg", max_audio_s=600)
    assert audio.channels == 2 and audio.source_codec == "opus"
    assert audio.duration_s > 40


def test_missing_file(tmp_path):
    with pytest.raises(AudioNotFound, match="no such file"):
        load_audio(tmp_path / "nope.wav", max_audio_s=60)


def test_empty_file(tmp_path):
    (tmp_path / "empty.ogg").write_bytes(b"")
    with pytest.raises(AudioEmpty) as e:
        load_audio(tmp_path / "empty.ogg", max_audio_s=60)
    assert e.value.code == "E103"


def test_wav_without_samples_is_empty(tmp_path):
    with wave.open(str(tmp_path / "none.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(8000)
    with pytest.raises(AudioEmpty):
        load_audio(tmp_path / "none.wav", max_audio_s=60)


def test_digital_silence(tmp_path):
    path = _encode(tmp_path / "silent.wav", np.zeros((1, 16000), np.float32), 16000, "pcm_s16le")
    with pytest.raises(AudioSilent) as e:
        load_audio(path, max_audio_s=60)
    assert e.value.code == "E104"


def test_text_file_is_not_audio(tmp_path):
    (tmp_path / "notes.mp3").write_text("Менеджер: добрый день\n" * 50, encoding="utf-8")
    with pytest.raises(AudioDecodeError) as e:
        load_audio(tmp_path / "notes.mp3", max_audio_s=60)
    assert e.value.code == "E102" and "decode" in e.value.message


def test_garbage_bytes_are_corrupt(tmp_path):
    (tmp_path / "call.ogg").write_bytes(b"\x00garbage" * 500)
    with pytest.raises(AudioDecodeError):
        load_audio(tmp_path / "call.ogg", max_audio_s=60)


def test_truncated_flac_body_is_corrupt_or_short(tmp_path):
    full = _encode(tmp_path / "full.flac", _tone(3.0, 8000, 1), 8000, "flac").read_bytes()
    cut = tmp_path / "cut.flac"
    cut.write_bytes(full[:200] + b"\xff" * 3000)
    with pytest.raises((AudioDecodeError, AudioEmpty)):
        load_audio(cut, max_audio_s=60)


def test_too_long_is_refused(tmp_path):
    path = _encode(tmp_path / "long.flac", _tone(5.0, 8000, 1), 8000, "flac")
    with pytest.raises(AudioTooLong) as e:
        load_audio(path, max_audio_s=2)
    assert e.value.details["max_audio_s"] == 2 and e.value.code == "E105"


def test_identical_channels_are_one_voice(tmp_path):
    mono = _tone(1.0, 8000, 1)
    path = _encode(tmp_path / "dual.wav", np.concatenate([mono, mono]), 8000, "pcm_s16le")
    assert load_audio(path, max_audio_s=60).channels == 1
