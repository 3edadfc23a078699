"""Precision / recall of the rudeness detector on real Russian social-media comments.

Data: ``../shared/eval/ru_toxicity_dev.tsv`` (Russian Distorted Toxicity, VK comments, MIT; see the
README beside it). "Toxic" there is a superset of rudeness on a sales call (political abuse, slurs,
mockery), so recall is a lower bound for our purpose; precision is the number that matters most.
Run: ``.venv/bin/python bench/rudeness_eval.py [--errors 20]``.

Measured 2026-11-24 (rudeness.v1, rule path): precision 0.75, recall 0.40, F1 0.52 on 1,457 comments
(269 toxic); recall 0.50 on toxic comments with masked obscenities. Most "false positives" do swear or
insult (e.g. "всем пох", "поxyй на это") but are labelled non-toxic there because they attack no one:
on a sales call those still count as rudeness. Most misses are political or ethnic abuse without
swear words ("кремлебот", "ватники"), which a sales call rarely has.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.settings import Settings  # noqa: E402
from analyzer.types import Transcript, Utterance  # noqa: E402
from nlp.context import Context  # noqa: E402
from nlp.detectors.rudeness import rude_spans  # noqa: E402
from nlp.language import process  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "ru_toxicity_dev.tsv"
_MENTION = re.compile(r"\[id\d+\|[^\]]*\],?\s*")  # VK reply prefixes: "[id123|Имя], "


def load(path: Path) -> list[tuple[str, bool, bool]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [(_MENTION.sub("", r["comments"]), r["toxicity"] == "1", r["distortion"] == "1") for r in rows]


def predict(texts: list[str]) -> list[bool]:
    transcript = Transcript(tuple(Utterance("client", i, i + 1, t) for i, t in enumerate(texts)), "ru")
    ctx = Context(process(transcript), Settings(semantic_backend="none"))
    return [bool(rude_spans(ctx, i)) for i in range(len(texts))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", type=int, default=0, help="print this many false positives and negatives")
    args = parser.parse_args()
    rows = load(args.data)
    predicted = predict([text for text, *_ in rows])
    tp = sum(p and gold for p, (_, gold, _) in zip(predicted, rows))
    fp = sum(p and not gold for p, (_, gold, _) in zip(predicted, rows))
    fn = sum(gold and not p for p, (_, gold, _) in zip(predicted, rows))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    masked = [(p, gold) for p, (_, gold, distorted) in zip(predicted, rows) if distorted and gold]
    print(f"{args.data.name}: {len(rows)} comments, {tp + fn} toxic")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    if masked:
        print(f"recall on toxic comments with masked obscenities: {sum(p for p, _ in masked) / len(masked):.3f} "
              f"({len(masked)} comments)")
    if args.errors:
        for label, want in (("FALSE POSITIVE", False), ("MISSED", True)):
            shown = [t for p, (t, gold, _) in zip(predicted, rows) if p != gold and gold == want][: args.errors]
            for text in shown:
                print(f"{label}: {text[:160]}")


if __name__ == "__main__":
    main()
