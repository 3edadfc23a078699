"""The job queue interface: what the API and the workers need, whatever runs the jobs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping, Protocol


@dataclass(frozen=True, slots=True)
class Job:
    """A unit of background work on one call or webhook delivery."""

    id: int
    kind: str
    ref_id: int
    attempts: int
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Retry:
    """What a handler returns to have its job run again later."""

    after_s: float
    error: str


class JobQueue(Protocol):
    """Persistent jobs: enqueued by the API, claimed by workers, finished, failed or retried."""

    def enqueue(self, *, kind: str, ref_id: int, payload: Mapping[str, Any] | None = None,
                run_after: datetime | None = None) -> int: ...

    def claim(self, *, worker: str) -> Job | None: ...

    def complete(self, *, job_id: int) -> None: ...

    def fail(self, *, job_id: int, error: str) -> None: ...

    def retry(self, *, job_id: int, after_s: float, error: str) -> None: ...

    def requeue_running(self) -> int: ...
