"""The long-lived parts of a running API: settings, database, file store, job queue and workers."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from analyzer.settings import Settings
from api.calls.storage import BlobStore
from api.db.session import make_engine, make_sessionmaker
from api.queue.database import DatabaseQueue
from api.queue.pool import WorkerPool


@dataclass
class Services:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    store: BlobStore
    queue: DatabaseQueue
    pool: WorkerPool | None = field(default=None)

    def notify(self) -> None:
        """Wakes the embedded workers after a job was committed."""
        if self.pool is not None:
            self.pool.notify()

    @classmethod
    def from_settings(cls, settings: Settings) -> Services:
        engine = make_engine(settings.database_url)
        sessions = make_sessionmaker(engine)
        return cls(settings, engine, sessions, BlobStore(settings.data_dir),
                   DatabaseQueue(sessions, lease_s=settings.job_lease_s))
