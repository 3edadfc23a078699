"""``callgrade db upgrade``, ``callgrade users create`` (only the key on stdout) and ``serve``'s options."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import select

from api.db.session import make_engine, make_sessionmaker
from api.users.models import ApiKey, User
from api.users.service import authenticate, hash_key

CALLGRADE = str(Path(sys.executable).with_name("callgrade"))  # the installed console script


def _callgrade(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CALLGRADE_DATABASE_URL": database_url}
    return subprocess.run([CALLGRADE, *args], capture_output=True, text=True, env=env, timeout=120)


def test_db_upgrade_then_users_create_prints_only_the_key(database_url):
    upgraded = _callgrade("db", "upgrade", database_url=database_url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert "0001" in upgraded.stdout
    created = _callgrade("users", "create", "--name", "Anna", "--role", "coach", "--team", "North", "--team",
                         "South", database_url=database_url)
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert created.stdout == key + "\n" and key.startswith("cg_") and len(key) > 40
    engine = make_engine(database_url)
    try:
        with make_sessionmaker(engine)() as session:
            user = authenticate(session, key=key)
            assert (user.name, user.role, sorted(t.name for t in user.teams)) == ("Anna", "coach", ["North", "South"])
            stored = session.scalar(select(ApiKey.key_hash).where(ApiKey.user_id == user.id))
            assert stored == hash_key(key) and key not in stored  # only the hash is kept
            assert session.scalar(select(User.id).where(User.name == "Anna")) == user.id
    finally:
        engine.dispose()
    again = _callgrade("users", "create", "--name", "Anna", "--role", "admin", database_url=database_url)
    assert again.returncode == 2 and again.stdout == "" and "E607" in again.stderr
    bad_role = _callgrade("users", "create", "--name", "Bob", "--role", "boss", database_url=database_url)
    assert bad_role.returncode == 2 and bad_role.stdout == ""


def test_serve_migrates_and_answers_on_loopback(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'served.db'}"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "CALLGRADE_DATABASE_URL": database_url, "CALLGRADE_DATA_DIR": str(tmp_path / "data"),
           "CALLGRADE_PRELOAD_MODELS": "false"}
    server = subprocess.Popen([CALLGRADE, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "0"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/v1/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode()
                time.sleep(0.2)
        key = _callgrade("users", "create", "--name", "ops", "--role", "admin",
                         database_url=database_url).stdout.strip()
        me = httpx.get(f"http://127.0.0.1:{port}/v1/me", headers={"Authorization": f"Bearer {key}"})
        assert me.status_code == 200 and me.json()["role"] == "admin"
        assert httpx.get(f"http://127.0.0.1:{port}/v1/me").json()["error"]["code"] == "E602"
    finally:
        server.terminate()
        server.wait(30)
