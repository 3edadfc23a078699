"""``callgrade db upgrade``, ``callgrade users create`` (only the key on stdout) and ``serve``'s options."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def test_serve_help_lists_host_and_port():
    out = subprocess.run([CALLGRADE, "serve", "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "--host" in out.stdout and "--port" in out.stdout
