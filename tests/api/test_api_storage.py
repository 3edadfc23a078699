"""Storage: migrations, the content-addressed store and the database job queue (on SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import threading
import time
from datetime import timedelta

from sqlalchemy import inspect, select

from api.db.base import utcnow
from api.db.migrate import current_revision, upgrade
from api.db.models import Base
from api.db.session import make_engine, make_sessionmaker
from api.queue.database import DatabaseQueue
from api.queue.models import JobRow


def test_migrations_create_the_whole_schema_and_are_idempotent(database_url):
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        upgrade(engine)
        assert current_revision(engine) == "0001"
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        for name, table in Base.metadata.tables.items():  # the migration matches the models column by column
            assert {c["name"] for c in inspect(engine).get_columns(name)} == set(table.columns.keys()), name
    finally:
        engine.dispose()


def _queue(database_url: str, lease_s: float = 60.0) -> DatabaseQueue:
    engine = make_engine(database_url)
    upgrade(engine)
    return DatabaseQueue(make_sessionmaker(engine), lease_s=lease_s)


def test_jobs_are_claimed_once_in_order(database_url):
    queue = _queue(database_url)
    ids = [queue.enqueue(kind="analyze", ref_id=n) for n in range(40)]
    claimed: list[int] = []
    lock = threading.Lock()

    def work(name: str) -> None:
        while (job := queue.claim(worker=name)) is not None:
            with lock:
                claimed.append(job.id)
            queue.complete(job_id=job.id)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed) == ids  # every job exactly once, even with four workers racing


def test_retry_delays_a_job_and_an_expired_lease_frees_it(database_url):
    queue = _queue(database_url, lease_s=0.2)
    job_id = queue.enqueue(kind="webhook", ref_id=1)
    job = queue.claim(worker="a")
    assert job is not None and job.attempts == 1
    queue.retry(job_id=job_id, after_s=0.3, error="HTTP 500")
    assert queue.claim(worker="a") is None
    time.sleep(0.35)
    job = queue.claim(worker="b")
    assert job is not None and job.attempts == 2
    assert queue.claim(worker="c") is None  # leased to b
    time.sleep(0.25)
    stolen = queue.claim(worker="c")  # b died: its lease ran out
    assert stolen is not None and stolen.id == job_id and stolen.attempts == 3
    queue.fail(job_id=job_id, error="gave up")
    with queue._sessions() as session:
        row = session.get(JobRow, job_id)
        assert (row.status, row.error, row.locked_by) == ("failed", "gave up", None)


def test_future_jobs_wait(database_url):
    queue = _queue(database_url)
    queue.enqueue(kind="analyze", ref_id=1, run_after=utcnow() + timedelta(hours=1))
    assert queue.claim(worker="a") is None
    with queue._sessions() as session:
        assert session.scalar(select(JobRow.status)) == "queued"


def test_blob_store_is_content_addressed(tmp_path):
    from api.calls.storage import BlobStore

    store = BlobStore(tmp_path)
    a = store.put(io.BytesIO(b"hello"), suffix=".txt", max_bytes=100)
    b = store.put(io.BytesIO(b"hello"), suffix=".txt", max_bytes=100)
    assert a == b and a.sha256 == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    assert store.path(a.relative_path).read_bytes() == b"hello" and a.size == 5
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [f"{a.sha256}.txt"]
