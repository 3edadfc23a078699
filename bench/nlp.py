"""Speed of the detection stage on a long call: a ~60-minute, ~800-utterance transcript on one core.

Targets (issue 3): <= 1 s on the rule path, <= 5 s with the semantic layer. The long call is built
by chaining the reference transcripts of the sample calls and the corpus (times shifted), so it has
realistic text. Run: ``OMP_NUM_THREADS=1 taskset -c 0 .venv/bin/python bench/nlp.py``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.contract import load_transcript  # noqa: E402
from analyzer.settings import Settings  # noqa: E402
from analyzer.types import Transcript, Utterance  # noqa: E402
from nlp import analyze_text  # noqa: E402


def long_call(language: str, minutes: float, utterances: int) -> Transcript:
    sources = sorted((ROOT / "sample_calls").glob("*.transcript.json")) + sorted((ROOT / "corpus" / language).glob("*.txt"))
    pool: list[Utterance] = []
    for path in sources:
        t = load_transcript(path)
        if t.language == language:
            pool.extend(t.utterances)
    if not pool:
        raise SystemExit(f"no {language} transcripts found in sample_calls/ or corpus/")
    step = minutes * 60 / utterances
    chained = []
    for i in range(utterances):
        u = pool[i % len(pool)]
        start = i * step
        chained.append(replace(u, start_s=start, end_s=start + step * 0.9, words=()))
    return Transcript(tuple(chained), language, call_id=f"long-{language}", duration_s=minutes * 60)


def timed(transcript: Transcript, backend: str, repeats: int) -> tuple[float, int]:
    settings = Settings(semantic_backend=backend)
    analyze_text(transcript, settings=settings)  # warm: models, lexicons, caches of the process
    best = float("inf")
    count = 0
    for _ in range(repeats):
        start = time.perf_counter()
        result = analyze_text(transcript, settings=settings)  # per-call caches start empty each time
        best = min(best, time.perf_counter() - start)
        count = len(result.detections)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--utterances", type=int, default=800)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"{'lang':4} {'backend':8} {'utterances':>10} {'seconds':>8} {'utt/s':>7} {'detections':>10}")
    for language in ("ru", "en"):
        call = long_call(language, args.minutes, args.utterances)
        for backend in ("none", "auto"):
            seconds, count = timed(call, backend, args.repeats)
            print(f"{language:4} {backend:8} {len(call.utterances):>10} {seconds:>8.3f} "
                  f"{len(call.utterances) / seconds:>7.0f} {count:>10}")


if __name__ == "__main__":
    main()
