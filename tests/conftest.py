"""Shared fixtures: paths to the sample calls and a settings factory isolated from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CALLS = ROOT / "sample_calls"


@pytest.fixture(scope="session")
def sample_calls_dir() -> Path:
    return SAMPLE_CALLS
