"""``callgrade eval DIR [DIR ...]``: score the pipeline against gold-labelled calls."""

from __future__ import annotations

import argparse

from analyzer.contract import dumps
from analyzer.evaluation import evaluate
from analyzer.evaluation.render import render_report


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval", help="precision/recall/F1 per detection type and language, value, rubric and lead accuracy on gold calls")
    parser.add_argument("dirs", nargs="+", metavar="DIR", help="folder of NAME.gold.yaml files with NAME.txt, "
                        "NAME.transcript.json or (with --audio) a recording")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--audio", action="store_true", help="transcribe NAME.flac/.ogg/.wav with ASR instead of "
                        "reading the reference transcripts")
    parser.add_argument("--rubric", default=None, help="rubric id or YAML file (default: the settings' rubric)")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    report = evaluate(args.dirs, audio=args.audio, rubric=args.rubric)
    print(dumps(report.to_dict()) if args.json else render_report(report))
    return 0
