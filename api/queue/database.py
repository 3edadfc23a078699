"""The embedded queue: jobs are rows, so they survive restarts and any process on the database can run them."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, Mapping

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from api.db.base import utcnow
from api.queue.base import Job
from api.queue.models import JobRow

log = logging.getLogger(__name__)


class DatabaseQueue:
    """Claims jobs with a conditional UPDATE, which is atomic on SQLite and PostgreSQL alike.

    A claimed job holds a lease; a job whose worker died is claimable again once the lease expires
    (or at once, after ``requeue_running`` when the only worker pool restarts).
    """

    def __init__(self, sessions: sessionmaker[Session], *, lease_s: float) -> None:
        self._sessions = sessions
        self._lease = timedelta(seconds=lease_s)

    def enqueue(self, *, kind: str, ref_id: int, payload: Mapping[str, Any] | None = None,
                run_after: datetime | None = None) -> int:
        """Adds a job in its own transaction."""
        with self._sessions.begin() as session:
            return add_job(session, kind=kind, ref_id=ref_id, payload=payload, run_after=run_after)

    def claim(self, *, worker: str) -> Job | None:
        """Takes the oldest due job, or returns None when there is none."""
        now = utcnow()
        due = or_(
            (JobRow.status == "queued") & (JobRow.run_after <= now),
            (JobRow.status == "running") & (JobRow.locked_until < now),
        )
        with self._sessions() as session:
            candidates = session.scalars(select(JobRow.id).where(due).order_by(JobRow.run_after, JobRow.id)
                                         .limit(5)).all()
            for job_id in candidates:
                taken = session.execute(
                    update(JobRow).where(JobRow.id == job_id, due)
                    .values(status="running", locked_by=worker, locked_until=now + self._lease,
                            attempts=JobRow.attempts + 1)
                    .execution_options(synchronize_session=False)
                ).rowcount
                session.commit()
                if taken == 1:
                    row = session.get(JobRow, job_id, populate_existing=True)
                    assert row is not None
                    return Job(row.id, row.kind, row.ref_id, row.attempts, dict(row.payload or {}))
        return None

    def complete(self, *, job_id: int) -> None:
        self._finish(job_id, status="done", error=None)

    def fail(self, *, job_id: int, error: str) -> None:
        self._finish(job_id, status="failed", error=error)

    def retry(self, *, job_id: int, after_s: float, error: str) -> None:
        """Puts the job back in the queue, due ``after_s`` seconds from now."""
        with self._sessions.begin() as session:
            session.execute(update(JobRow).where(JobRow.id == job_id).values(
                status="queued", error=error, locked_by=None, locked_until=None,
                run_after=utcnow() + timedelta(seconds=after_s)))

    def requeue_running(self) -> int:
        """Makes every running job claimable at once: for a restart of the only worker pool."""
        with self._sessions.begin() as session:
            count = session.execute(update(JobRow).where(JobRow.status == "running").values(
                status="queued", locked_by=None, locked_until=None, run_after=utcnow())).rowcount
        if count:
            log.warning("requeued %d job(s) interrupted by a stop", count)
        return count

    def _finish(self, job_id: int, *, status: str, error: str | None) -> None:
        with self._sessions.begin() as session:
            session.execute(update(JobRow).where(JobRow.id == job_id).values(
                status=status, error=error, locked_by=None, locked_until=None, finished_at=utcnow()))


def add_job(session: Session, *, kind: str, ref_id: int, payload: Mapping[str, Any] | None = None,
            run_after: datetime | None = None) -> int:
    """Adds a job inside the caller's transaction, so it exists exactly when the caller's rows do."""
    row = JobRow(kind=kind, ref_id=ref_id, payload=dict(payload or {}), run_after=run_after or utcnow())
    session.add(row)
    session.flush()
    return row.id
