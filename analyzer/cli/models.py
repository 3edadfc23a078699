"""``callgrade models``: the bundled Whisper model, and converting it for the openai-whisper engine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analyzer.errors import BadRequest


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="bundled speech models: info and conversion",
                                   description="Inspects and converts the speech models callgrade ships with.")
    sub = parser.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    convert = sub.add_parser(
        "convert-openai", help="write the bundled model as an openai-whisper .pt checkpoint",
        description="Converts the bundled CTranslate2 Whisper model into an openai-whisper checkpoint, so "
                    "CALLGRADE_ASR_ENGINE=openai-whisper CALLGRADE_ASR_MODEL=OUT.pt runs offline on the same weights.")
    convert.add_argument("out", type=Path, help="the .pt file to write")
    convert.add_argument("--force", action="store_true", help="overwrite an existing file")
    convert.set_defaults(func=run_convert)
    info = sub.add_parser("info", help="show which model the settings use and whether it loads")
    info.set_defaults(func=run_info)


def run_convert(args: argparse.Namespace) -> int:
    from asr.convert import convert_bundled

    if args.out.exists() and not args.force:
        raise BadRequest(f"{args.out} exists; use --force to overwrite / файл уже существует")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    path = convert_bundled(args.out)
    print(f"wrote {path} ({path.stat().st_size >> 20} MB); use it with "
          f"CALLGRADE_ASR_ENGINE=openai-whisper CALLGRADE_ASR_MODEL={path}", file=sys.stderr)
    return 0


def run_info(args: argparse.Namespace) -> int:
    from analyzer.settings import get_settings
    from asr.engines import get_engine

    settings = get_settings()
    engine = get_engine(settings)
    print(f"engine: {engine.name}\nmodel: {engine.model_id}")
    for key, value in engine.describe().items():
        print(f"{key}: {value}")
    return 0
