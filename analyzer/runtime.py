"""Process-wide runtime set-up that must happen before heavy libraries load."""

from __future__ import annotations

import os

_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


def configure_threads(threads: int) -> None:
    """Caps math-library threads: oversubscribing a small machine makes BLAS 10-100x slower.

    Environment variables already set by the user win. torch is capped only if already imported,
    so calling this never pays torch's import cost.
    """
    for var in _THREAD_VARS:
        os.environ.setdefault(var, str(threads))
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # No hub: every default path uses weights that installed packages ship.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import sys

    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(threads)
