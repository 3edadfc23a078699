"""``callgrade analyze FILE|DIR``: one call to a report (text, Markdown, HTML or JSON), or a folder in batch."""

from __future__ import annotations

import argparse
import csv
import logging
import sys
from pathlib import Path

from analyzer.contract import analysis_to_dict, dumps
from analyzer.errors import BadRequest, CallgradeError
from analyzer.pipeline import TRANSCRIPT_SUFFIXES, analyze_file
from analyzer.report import render_html, render_markdown, render_text
from analyzer.rubric import load_rubric
from analyzer.settings import get_settings
from analyzer.types import CallAnalysis
from asr.audio import AUDIO_SUFFIXES

log = logging.getLogger(__name__)



def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze", help="grade a call (recording or transcript) and build its lead record",
        description="Analyzes one call (audio, transcript JSON or Manager:/Client: text) into a report, "
                    "or every call in a folder (with --out) into one JSON per call plus summary.csv.")
    parser.add_argument("path", type=Path, help="a recording, a transcript (.json/.txt) or a folder of them")
    parser.add_argument("--rubric", help="rubric id or YAML file (default: the configured rubric)")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the analysis JSON (CONTRACTS.md)")
    fmt.add_argument("--markdown", action="store_true", help="print a Markdown report")
    fmt.add_argument("--html", type=Path, metavar="OUT", help="write a self-contained HTML report to OUT")
    parser.add_argument("--out", type=Path, metavar="OUTDIR", help="folder mode: where the JSON files and summary.csv go")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.path.is_dir():
        if args.out is None:
            raise BadRequest(f"{args.path} is a folder: give --out OUTDIR for the per-call JSON files and summary.csv")
        if args.json or args.markdown or args.html:
            raise BadRequest("--json, --markdown and --html are for one call; a folder writes JSON files and summary.csv")
        return analyze_folder(args.path, args.out, rubric=args.rubric)
    if args.out is not None:
        raise BadRequest(f"--out is for a folder of calls; {args.path} is one file (use --json, --markdown or --html)")
    analysis = analyze_file(args.path, rubric=args.rubric, settings=get_settings())
    if args.json:
        print(dumps(analysis_to_dict(analysis)))
    elif args.markdown:
        print(render_markdown(analysis), end="")
    elif args.html:
        args.html.parent.mkdir(parents=True, exist_ok=True)
        args.html.write_text(render_html(analysis), encoding="utf-8")
        print(f"wrote {args.html}", file=sys.stderr)
    else:
        print(render_text(analysis), end="")
    return 0


def call_files(folder: Path) -> list[Path]:
    """The recordings and transcripts directly in ``folder``, in name order."""
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in AUDIO_SUFFIXES | TRANSCRIPT_SUFFIXES)


def analyze_folder(folder: Path, out: Path, *, rubric: str | None) -> int:
    """Analyzes every call in ``folder``; a failing call is reported and skipped. Returns 1 if any failed."""
    from tqdm import tqdm

    settings = get_settings()
    item_ids = [item.id for item in load_rubric(rubric or settings.rubric, settings=settings).items]
    files = call_files(folder)
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    with (out / "summary.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["call", "file", "score", *item_ids, "lead_status", "temperature", "error"])
        for path in tqdm(files, desc="analyze", unit="call", file=sys.stderr):
            try:
                analysis = analyze_file(path, rubric=rubric, settings=settings)
            except Exception as e:  # noqa: BLE001 - one bad call must not stop a batch of hundreds
                failed += 1
                reason = str(e) if isinstance(e, CallgradeError) else f"{type(e).__name__}: {e}"
                log.debug("failed on %s", path, exc_info=True)
                tqdm.write(f"callgrade: {path.name}: {reason}", file=sys.stderr)
                writer.writerow([path.stem, path.name, "", *([""] * len(item_ids)), "", "", reason])
                continue
            (out / f"{path.stem}.analysis.json").write_text(dumps(analysis_to_dict(analysis)), encoding="utf-8")
            writer.writerow(summary_row(analysis, path, item_ids))
    print(f"{len(files) - failed}/{len(files)} calls analyzed -> {out}", file=sys.stderr)
    return 1 if failed else 0


def summary_row(analysis: CallAnalysis, path: Path, item_ids: list[str]) -> list[str]:
    g, lead = analysis.grade, analysis.lead
    statuses = [(g.item(i).status if g and g.item(i) else "") for i in item_ids]
    return [analysis.call_id or path.stem, path.name, f"{g.score:g}" if g else "", *statuses,
            lead.status if lead else "", (lead.temperature or "") if lead else "", ""]
