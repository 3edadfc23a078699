"""API fixtures: a fresh database per test on SQLite and on PostgreSQL, users of every role, helpers."""

from __future__ import annotations

import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from analyzer.settings import Settings
from api.app import build_pool, create_app
from api.services import Services
from api.users.service import create_user

POSTGRES_URL = os.environ.get("CALLGRADE_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test")

RU_CALL = """Менеджер: Добрый день, компания Ромашка, меня зовут Евгений, чем могу помочь?
Клиент: Здравствуйте, нам нужна система учёта для склада.
Менеджер: Какой у вас бюджет на это?
Клиент: Где-то сто тысяч рублей в месяц.
Менеджер: Кто принимает решение о покупке?
Клиент: Решаю я, я директор.
Менеджер: Когда вы хотите запуститься?
Клиент: К концу квартала.
Менеджер: Давайте созвонимся в пятницу и обсудим демо. Итак, мы договорились о демо в пятницу.
Клиент: Хорошо, до свидания.
"""


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema of its own (dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'callgrade.db'}"
        return
    schema = f"cg_test_{uuid.uuid4().hex[:16]}"
    dsn = make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"}) \
            .render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def make_settings(database_url: str, tmp_path: Path) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = dict(database_url=database_url, data_dir=tmp_path / "data", workers=0,
                                      preload_models=False, queue_poll_s=0.05, webhook_backoff_s=0.05,
                                      webhook_timeout_s=5.0)
        values.update(overrides)
        return Settings(**values)

    return make


@dataclass
class Api:
    """A running app with a key per role: admin, coaches of teams A and B, managers m1 (A) and m2 (B)."""

    client: TestClient
    services: Services
    keys: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def as_(self, who: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"} if who else {}

    def get(self, path: str, who: str | None = "admin", **kw: Any) -> Any:
        return self.client.get(path, headers={**self.as_(who), **kw.pop("headers", {})}, **kw)

    def post(self, path: str, who: str | None = "admin", **kw: Any) -> Any:
        return self.client.post(path, headers={**self.as_(who), **kw.pop("headers", {})}, **kw)

    def delete(self, path: str, who: str | None = "admin", **kw: Any) -> Any:
        return self.client.delete(path, headers=self.as_(who), **kw)

    def upload(self, body: str | bytes = RU_CALL, who: str = "m1", *, filename: str = "call.txt",
               content_type: str = "text/plain", **form: Any) -> Any:
        data = {k: str(v) for k, v in form.items() if v is not None}
        return self.post("/v1/calls", who, files={"file": (filename, body, content_type)}, data=data)

    def drain(self, timeout_s: float = 120.0) -> None:
        """Runs queued jobs in this thread until none is due (the embedded pool's work, deterministically)."""
        pool = build_pool(self.services)
        deadline = time.monotonic() + timeout_s
        while pool.run_once() or self._pending():
            assert time.monotonic() < deadline, "jobs did not finish in time"
            time.sleep(0.01)

    def _pending(self) -> bool:
        from sqlalchemy import func, select

        from api.queue.models import JobRow

        with self.services.sessions() as session:
            return bool(session.scalar(select(func.count()).select_from(JobRow).where(JobRow.status == "queued")))

    def wait_for(self, call_id: int, status: str = "done", who: str = "admin", timeout_s: float = 120.0) -> dict:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            body = self.get(f"/v1/calls/{call_id}", who).json()
            if body["status"] == status:
                return body
            time.sleep(0.05)
        raise AssertionError(f"call {call_id} is {body['status']} ({body['error']}), not {status}")


class Receiver:
    """A loopback HTTP server that records each request and answers ``fail_first`` times with HTTP 500."""

    def __init__(self, fail_first: int = 0) -> None:
        self.fail_first = fail_first
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.received = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                failing = len(receiver.requests) <= receiver.fail_first
                self.send_response(500 if failing else 204)
                self.end_headers()
                if not failing:
                    receiver.received.set()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def make_receiver() -> Iterator[Callable[..., Receiver]]:
    """Starts webhook receivers on 127.0.0.1 (loopback only); all are stopped at the end."""
    started: list[Receiver] = []

    def make(fail_first: int = 0) -> Receiver:
        started.append(Receiver(fail_first))
        return started[-1]

    yield make
    for r in started:
        r.close()


@pytest.fixture
def receiver(make_receiver: Callable[..., Receiver]) -> Receiver:
    return make_receiver()


def add_users(services: Services) -> tuple[dict[str, str], dict[str, int]]:
    keys, ids = {}, {}
    with services.sessions.begin() as session:
        for name, role, teams in (("admin", "admin", []), ("coach_a", "coach", ["A"]), ("coach_b", "coach", ["B"]),
                                  ("m1", "manager", ["A"]), ("m2", "manager", ["B"])):
            user, keys[name] = create_user(session, name=name, role=role, teams=teams)
            ids[name] = user.id
    return keys, ids


@pytest.fixture
def start_api(make_settings: Callable[..., Settings]) -> Iterator[Callable[..., Api]]:
    """Starts apps (lifespan included) on the test's database; all are stopped at the end."""
    clients: list[TestClient] = []

    def start(*, users: bool = True, **overrides: Any) -> Api:
        app = create_app(make_settings(**overrides))
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        api = Api(client, app.state.services)
        if users:
            api.keys, api.ids = add_users(api.services)
        return api

    yield start
    for client in reversed(clients):
        client.__exit__(None, None, None)


@pytest.fixture
def ru_call() -> str:
    """A short Russian call covering greeting, BANT, next step and summary (plain-text transcript)."""
    return RU_CALL


@pytest.fixture
def api(start_api: Callable[..., Api]) -> Api:
    return start_api()
