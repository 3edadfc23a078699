"""``callgrade transcribe FILE|DIR``: recordings to speaker-labelled transcripts (text or CONTRACTS.md JSON)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from asr.audio import AUDIO_SUFFIXES
from analyzer.contract import dumps, transcript_to_dict
from analyzer.errors import AudioNotFound, CallgradeError
from analyzer.settings import Settings, get_settings
from analyzer.types import Transcript

LABELS = {
    "ru": {"manager": "Менеджер", "client": "Клиент", "unknown": "Говорящий"},
    "en": {"manager": "Manager", "client": "Client", "unknown": "Speaker"},
}
# Show a progress bar from this many 30 s Whisper windows (about two minutes of speech) up.
PROGRESS_MIN_WINDOWS = 4


def register(subparsers: argparse._SubParsersAction) -> None:
    from asr.engines import ENGINES

    parser = subparsers.add_parser(
        "transcribe", help="transcribe call recordings with speaker roles",
        description="Transcribes a recording (any format PyAV decodes) or every recording in a folder. "
                    "Stereo: one speaker per channel; mono: speakers found by diarization.")
    parser.add_argument("path", type=Path, help="a recording or a folder of recordings")
    parser.add_argument("--json", action="store_true", help="print CONTRACTS.md transcript JSON (a list for a folder)")
    parser.add_argument("--out", type=Path, metavar="OUTDIR", help="also write NAME.transcript.json files here")
    parser.add_argument("--engine", choices=ENGINES, help="ASR engine (default: settings asr_engine)")
    parser.add_argument("--model", help="'bundled', a faster-whisper model name/directory or an openai-whisper .pt")
    parser.add_argument("--language", help="'auto' or a language code such as ru, en")
    parser.add_argument("--channels", help="roles of the left,right channels of a stereo file (manager,client)")
    parser.add_argument("--beam", type=int, choices=range(1, 11), metavar="N", help="beam size 1-10")
    parser.set_defaults(func=run)


def _settings(args: argparse.Namespace) -> Settings:
    update: dict[str, Any] = {}
    for option, field in (("engine", "asr_engine"), ("model", "asr_model"), ("language", "asr_language"),
                          ("beam", "asr_beam_size")):
        if getattr(args, option) is not None:
            update[field] = getattr(args, option)
    return get_settings().model_copy(update=update)


def run(args: argparse.Namespace) -> int:
    from asr import parse_channels

    settings = _settings(args)
    channels = parse_channels(args.channels) if args.channels else None
    if args.path.is_dir():
        files = sorted(p for p in args.path.iterdir() if p.is_file() and p.suffix.lower() in AUDIO_SUFFIXES)
    elif args.path.exists():
        files = [args.path]
    else:
        raise AudioNotFound(f"{args.path}: no such file or folder / файл или папка не найдены")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    results, failed = [], 0
    for path in files:
        try:
            transcript = _transcribe(path, settings, channels)
        except CallgradeError as e:
            if len(files) == 1:
                raise
            failed += 1
            print(f"callgrade: {path.name}: {e}", file=sys.stderr)
            continue
        data = transcript_to_dict(transcript)
        if args.out:
            (args.out / f"{path.stem}.transcript.json").write_text(dumps(data) + "\n", encoding="utf-8")
        if args.json:
            results.append(data)
        else:
            if len(files) > 1:
                print(f"== {path.name}")
            print(render(transcript))
    if args.json:
        print(dumps(results if args.path.is_dir() else results[0]))
    if len(files) > 1:
        print(f"{len(files) - failed}/{len(files)} recordings transcribed", file=sys.stderr)
    return 1 if failed else 0


def _transcribe(path: Path, settings: Settings, channels: tuple[str, str] | None) -> Transcript:
    from tqdm import tqdm

    from asr import transcribe

    bar: list[tqdm] = []

    def progress(done: int, total: int) -> None:
        if total < PROGRESS_MIN_WINDOWS:
            return
        if not bar:
            bar.append(tqdm(total=total, desc=path.name, unit="window", file=sys.stderr, leave=False))
        bar[0].n = done
        bar[0].refresh()

    try:
        return transcribe(path, settings=settings, channels=channels, progress=progress)
    finally:
        if bar:
            bar[0].close()


def render(transcript: Transcript) -> str:
    """``[00:12.3] Менеджер: text`` lines, labels in the call's language."""
    labels = LABELS.get(transcript.language, LABELS["en"])
    lines = []
    for u in transcript.utterances:
        minutes, seconds = divmod(u.start_s, 60)
        lines.append(f"[{int(minutes):02d}:{seconds:04.1f}] {labels[u.speaker]}: {u.text}")
    return "\n".join(lines)
