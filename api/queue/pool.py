"""The embedded worker pool: threads that claim jobs from a ``JobQueue`` and run their handlers."""

from __future__ import annotations

import logging
import os
import socket
import threading
from typing import Callable, Mapping

from api.queue.base import Job, JobQueue, Retry

log = logging.getLogger(__name__)

Handler = Callable[[Job], "Retry | None"]


class WorkerPool:
    """Runs ``handlers[job.kind](job)`` on ``size`` threads until stopped.

    A handler returning ``Retry`` re-queues its job; one raising fails it with the error's text
    (handlers record domain failures, such as a call's error, themselves before raising).
    """

    def __init__(self, queue: JobQueue, handlers: Mapping[str, Handler], *, size: int, poll_s: float) -> None:
        self._queue = queue
        self._handlers = dict(handlers)
        self._size = size
        self._poll_s = poll_s
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self._name = f"{socket.gethostname()}:{os.getpid()}"

    def start(self) -> None:
        self._stop.clear()
        for i in range(self._size):
            thread = threading.Thread(target=self._run, args=(f"{self._name}:{i}",), name=f"callgrade-worker-{i}",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)

    def notify(self) -> None:
        """Wakes idle workers: a job was just enqueued."""
        self._wake.set()

    def stop(self, timeout_s: float = 30.0) -> None:
        """Stops taking jobs and waits for running ones; an unfinished job is resumed after a restart."""
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout_s)
        self._threads.clear()

    def run_once(self, worker: str = "inline") -> bool:
        """Claims and runs one job in the calling thread; False when none was due."""
        job = self._queue.claim(worker=worker)
        if job is None:
            return False
        self._execute(job)
        return True

    def _run(self, worker: str) -> None:
        while not self._stop.is_set():
            try:
                busy = self.run_once(worker)
            except Exception:  # noqa: BLE001 - a database hiccup must not kill the worker thread
                log.exception("worker %s: cannot claim a job", worker)
                busy = False
            if not busy:
                self._wake.wait(self._poll_s)
                self._wake.clear()

    def _execute(self, job: Job) -> None:
        handler = self._handlers.get(job.kind)
        if handler is None:
            self._queue.fail(job_id=job.id, error=f"no handler for job kind {job.kind!r}")
            return
        try:
            outcome = handler(job)
        except Exception as e:  # noqa: BLE001 - the job records why it failed
            log.exception("job %d (%s %d) failed", job.id, job.kind, job.ref_id)
            self._queue.fail(job_id=job.id, error=str(e) or type(e).__name__)
            return
        if isinstance(outcome, Retry):
            self._queue.retry(job_id=job.id, after_s=outcome.after_s, error=outcome.error)
        else:
            self._queue.complete(job_id=job.id)
