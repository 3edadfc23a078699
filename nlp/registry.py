"""Detectors registered under versioned names (``"bant.v1"``); a published ``.v1`` never changes.

A detector is ``fn(ctx, earlier) -> iterable of Detection``; ``earlier`` holds what detectors with
a lower ``order`` found (price-first reads BANT questions, contradictions read BANT answers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from analyzer.types import Detection
from nlp.context import Context

DetectorFn = Callable[[Context, tuple[Detection, ...]], Iterable[Detection]]


@dataclass(frozen=True)
class Registered:
    name: str
    order: int
    fn: DetectorFn


_REGISTRY: dict[str, Registered] = {}


def register(name: str, *, order: int = 50) -> Callable[[DetectorFn], DetectorFn]:
    def wrap(fn: DetectorFn) -> DetectorFn:
        if name in _REGISTRY and _REGISTRY[name].fn is not fn:
            raise ValueError(f"detector {name!r} is registered twice")
        _REGISTRY[name] = Registered(name, order, fn)
        return fn

    return wrap


def registered() -> list[Registered]:
    """Every detector, in run order."""
    import nlp.detectors  # noqa: F401  (importing the package registers its detectors)

    return sorted(_REGISTRY.values(), key=lambda r: (r.order, r.name))
