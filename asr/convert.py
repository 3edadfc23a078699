"""CTranslate2 Whisper -> openai-whisper checkpoint, so the openai backend runs offline on the bundled weights.

CTranslate2's ``model.bin`` stores the same tensors as openai-whisper under other names, with the
attention projections fused (self-attention q|k|v, cross-attention k|v). Splitting them back gives a
state dict that loads strictly into ``whisper.model.Whisper``; Whisper has no key biases, CTranslate2
stores zeros there, which are dropped.
"""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from analyzer.errors import ModelError

# Order of CTranslate2's DataType enum (include/ctranslate2/types.h).
_DTYPES = ("float32", "int8", "int16", "int32", "float16", "bfloat16")


def read_ct2(buffer: bytes | bytearray | memoryview) -> dict[str, np.ndarray]:
    """The variables of a CTranslate2 ``model.bin`` (binary version 6), aliases resolved."""
    view, pos = memoryview(buffer), 0

    def unpack(fmt: str) -> int:
        nonlocal pos
        (value,) = struct.unpack_from(fmt, view, pos)
        pos += struct.calcsize(fmt)
        return value

    def string() -> str:
        nonlocal pos
        n = unpack("H")
        text = bytes(view[pos: pos + n - 1]).decode("utf-8")
        pos += n
        return text

    version = unpack("I")
    if version != 6:
        raise ModelError(f"unsupported CTranslate2 model.bin version {version} (expected 6)")
    spec, _revision = string(), unpack("I")
    if spec != "WhisperSpec":
        raise ModelError(f"not a Whisper model: CTranslate2 spec {spec!r}")
    variables: dict[str, np.ndarray] = {}
    for _ in range(unpack("I")):
        name = string()
        shape = [unpack("I") for _ in range(unpack("B"))]
        dtype = _DTYPES[unpack("B")]
        if dtype == "bfloat16":
            raise ModelError(f"{name}: bfloat16 weights are not supported")
        size = unpack("I")
        variables[name] = np.frombuffer(view[pos: pos + size], dtype=dtype).reshape(shape)
        pos += size
    for _ in range(unpack("I")):
        alias, target = string(), string()
        variables[alias] = variables[target]
    return variables


def _layers(v: Mapping[str, np.ndarray], prefix: str) -> int:
    return len({k.split("/")[1] for k in v if re.match(rf"{prefix}/layer_\d+/", k)})


def _split(t: np.ndarray, n: int) -> list[np.ndarray]:
    return np.split(t, n, axis=0)


def _attention(v: Mapping[str, np.ndarray], src: str, dst: str, *, fused_qkv: bool) -> dict[str, np.ndarray]:
    out = {f"{dst}_ln.weight": v[f"{src}/layer_norm/gamma"], f"{dst}_ln.bias": v[f"{src}/layer_norm/beta"]}
    if fused_qkv:  # self-attention: linear_0 = q|k|v, linear_1 = out
        (qw, kw, vw), (qb, _, vb) = _split(v[f"{src}/linear_0/weight"], 3), _split(v[f"{src}/linear_0/bias"], 3)
        ow, ob = v[f"{src}/linear_1/weight"], v[f"{src}/linear_1/bias"]
    else:  # cross-attention: linear_0 = q, linear_1 = k|v, linear_2 = out
        qw, qb = v[f"{src}/linear_0/weight"], v[f"{src}/linear_0/bias"]
        (kw, vw), (_, vb) = _split(v[f"{src}/linear_1/weight"], 2), _split(v[f"{src}/linear_1/bias"], 2)
        ow, ob = v[f"{src}/linear_2/weight"], v[f"{src}/linear_2/bias"]
    out.update({f"{dst}.query.weight": qw, f"{dst}.query.bias": qb, f"{dst}.key.weight": kw,
                f"{dst}.value.weight": vw, f"{dst}.value.bias": vb, f"{dst}.out.weight": ow, f"{dst}.out.bias": ob})
    return out


def _mlp(v: Mapping[str, np.ndarray], src: str, dst: str) -> dict[str, np.ndarray]:
    return {f"{dst}.mlp_ln.weight": v[f"{src}/ffn/layer_norm/gamma"], f"{dst}.mlp_ln.bias": v[f"{src}/ffn/layer_norm/beta"],
            f"{dst}.mlp.0.weight": v[f"{src}/ffn/linear_0/weight"], f"{dst}.mlp.0.bias": v[f"{src}/ffn/linear_0/bias"],
            f"{dst}.mlp.2.weight": v[f"{src}/ffn/linear_1/weight"], f"{dst}.mlp.2.bias": v[f"{src}/ffn/linear_1/bias"]}


def openai_state(v: Mapping[str, np.ndarray]) -> tuple[dict[str, int], dict[str, np.ndarray]]:
    """openai-whisper ``ModelDimensions`` fields and state dict (numpy) from CTranslate2 variables."""
    state = {
        "encoder.conv1.weight": v["encoder/conv1/weight"], "encoder.conv1.bias": v["encoder/conv1/bias"],
        "encoder.conv2.weight": v["encoder/conv2/weight"], "encoder.conv2.bias": v["encoder/conv2/bias"],
        "encoder.positional_embedding": v["encoder/position_encodings/encodings"],
        "encoder.ln_post.weight": v["encoder/layer_norm/gamma"], "encoder.ln_post.bias": v["encoder/layer_norm/beta"],
        "decoder.token_embedding.weight": v["decoder/embeddings/weight"],
        "decoder.positional_embedding": v["decoder/position_encodings/encodings"],
        "decoder.ln.weight": v["decoder/layer_norm/gamma"], "decoder.ln.bias": v["decoder/layer_norm/beta"],
    }
    n_enc, n_dec = _layers(v, "encoder"), _layers(v, "decoder")
    for i in range(n_enc):
        src, dst = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        state |= _attention(v, f"{src}/self_attention", f"{dst}.attn", fused_qkv=True) | _mlp(v, src, dst)
    for i in range(n_dec):
        src, dst = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        state |= _attention(v, f"{src}/self_attention", f"{dst}.attn", fused_qkv=True)
        state |= _attention(v, f"{src}/attention", f"{dst}.cross_attn", fused_qkv=False) | _mlp(v, src, dst)
    dims = {
        "n_mels": int(v["encoder/conv1/weight"].shape[1]),
        "n_audio_ctx": int(v["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(v["encoder/conv1/weight"].shape[0]),
        "n_audio_head": int(v["encoder/num_heads"]),
        "n_audio_layer": n_enc,
        "n_vocab": int(v["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(v["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(v["decoder/embeddings/weight"].shape[1]),
        "n_text_head": int(v["decoder/num_heads"]),
        "n_text_layer": n_dec,
    }
    return dims, state


def openai_checkpoint(files: Mapping[str, Any]) -> dict[str, Any]:
    """An openai-whisper checkpoint (``dims``, ``model_state_dict``, ``alignment_heads``) from CTranslate2 files.

    ``files`` maps file names to bytes or binary file objects (as ``asr.bundled.bundled_files()`` gives).
    """
    import torch

    model_bin = files["model.bin"]
    buffer = model_bin.getbuffer() if hasattr(model_bin, "getbuffer") else model_bin
    dims, state = openai_state(read_ct2(buffer))
    config = json.loads(bytes(files["config.json"])) if "config.json" in files else {}
    return {
        "dims": dims,
        "model_state_dict": {k: torch.from_numpy(np.array(t)) for k, t in state.items()},
        # openai-whisper keeps alignment heads out of the state dict; word timings need the model's own.
        "alignment_heads": config.get("alignment_heads"),
    }


def convert_bundled(out: str | Path) -> Path:
    """Writes the bundled CTranslate2 model as an openai-whisper ``.pt`` checkpoint (float16, ~145 MB)."""
    import torch

    from asr.bundled import bundled_files

    path = Path(out)
    torch.save(openai_checkpoint(bundled_files()), path)
    return path
