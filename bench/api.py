"""Speed of the HTTP API: requests per second on reads, and upload -> ``call.analyzed`` for a sample call.

Starts ``callgrade serve`` (uvicorn, one process) on 127.0.0.1 with a fresh SQLite database (or
``--database-url``), fills it with ``--calls`` analysed calls (a few analysed for real, the rest copies),
then runs a bounded request loop from ``--clients`` client threads for ``--seconds`` per endpoint.
Client and server share the machine (2 cores here), so the numbers are a lower bound.

Run: ``.venv/bin/python bench/api.py`` (add ``--skip-audio`` to leave out the recording).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

os.environ.setdefault("OMP_NUM_THREADS", "2")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from api.calls.models import Call, DetectionRow, Grade, GradeItem, TranscriptRow  # noqa: E402
from api.db.migrate import upgrade  # noqa: E402
from api.users.service import create_user  # noqa: E402

CALLGRADE = str(Path(sys.executable).with_name("callgrade"))
SEED_CALLS = ROOT / "sample_calls"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``callgrade serve`` in a child process, stopped on exit."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([CALLGRADE, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                                     env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout_s: float = 600.0) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout_s:
            if self.proc.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"server exited:\n{self.log.read().decode(errors='replace')}")
            try:
                if httpx.get(f"{self.url}/v1/openapi.json", timeout=1).status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise SystemExit("server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(60)


def seed(database_url: str, data_dir: Path, calls: int) -> tuple[str, list[int]]:
    """An admin key and ``calls`` analysed calls: transcripts of the sample calls analysed for real, then copied."""
    from analyzer.settings import Settings
    from api.app import build_pool
    from api.calls.service import Upload, create_call
    from api.services import Services

    settings = Settings(database_url=database_url, data_dir=data_dir, workers=0, preload_models=False)
    services = Services.from_settings(settings)
    upgrade(services.engine)
    with services.sessions.begin() as session:
        admin, key = create_user(session, name="bench-admin", role="admin")
        manager, _ = create_user(session, name="bench-manager", role="manager", teams=["bench"])
    sources = sorted(SEED_CALLS.glob("*.transcript.json"))
    for path in sources:
        with services.sessions() as session, path.open("rb") as f:
            create_call(session, store=services.store, settings=settings, user=admin,
                        upload=Upload(f, path.name, "application/json"), manager=str(manager.id))
    pool = build_pool(services)
    while pool.run_once():
        pass
    with services.sessions.begin() as session:
        originals = session.scalars(select(Call).where(Call.status == "done")).all()
        for i in range(calls - len(originals)):
            _copy(session, originals[i % len(originals)])
    with services.sessions() as session:
        ids = list(session.scalars(select(Call.id)))
    services.engine.dispose()
    return key, ids


def _copy(session, call: Call) -> None:  # noqa: ANN001
    """A copy of an analysed call with its transcript, detections and grade (bench data only)."""
    transcript, grades = call.transcript, list(call.grades)
    detections = session.scalars(select(DetectionRow).where(DetectionRow.call_id == call.id)).all()
    clone = Call(**{c.key: getattr(call, c.key) for c in Call.__table__.columns if c.key not in ("id", "external_id")})
    session.add(clone)
    session.flush()
    if transcript is not None:
        session.add(TranscriptRow(call_id=clone.id, language=transcript.language, data=transcript.data,
                                  search_text=transcript.search_text))
    session.add_all(DetectionRow(call_id=clone.id, type=d.type, speaker=d.speaker, start_s=d.start_s, quote=d.quote,
                                 detector=d.detector, data=d.data) for d in detections)
    for g in grades:
        session.add(Grade(call_id=clone.id, rubric=g.rubric, rubric_version=g.rubric_version, score=g.score,
                          max_score=g.max_score, data=g.data, current=g.current,
                          items=[GradeItem(item_id=i.item_id, status=i.status, machine_status=i.machine_status,
                                           points=i.points, max_points=i.max_points) for i in g.items]))


def hammer(url: str, key: str, paths: list[str], *, clients: int, seconds: float) -> tuple[float, float, float]:
    """Requests per second, median and 95th percentile latency (ms) over a fixed time."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def loop(n: int) -> None:
        nonlocal errors
        mine, bad = [], 0
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30) as client:
            i = n
            while time.perf_counter() < stop_at:
                t0 = time.perf_counter()
                r = client.get(paths[i % len(paths)])
                mine.append(time.perf_counter() - t0)
                bad += r.status_code != 200
                i += clients
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=loop, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{errors} requests failed")
    latencies.sort()
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, latencies[int(len(latencies) * 0.95)] * 1000


def upload_to_analyzed(url: str, key: str, path: Path, media_type: str) -> float:
    """Seconds from the start of the upload to the ``call.analyzed`` webhook arriving."""
    arrived = threading.Event()

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(204)
            self.end_headers()
            arrived.set()

        def log_message(self, *args: object) -> None:
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    headers = {"Authorization": f"Bearer {key}"}
    try:
        hook = httpx.post(f"{url}/v1/webhooks", headers=headers, json={
            "url": f"http://127.0.0.1:{receiver.server_address[1]}/", "events": ["call.analyzed", "call.failed"]})
        hook.raise_for_status()
        started = time.perf_counter()
        with path.open("rb") as f:
            r = httpx.post(f"{url}/v1/calls", headers=headers, timeout=120,
                           files={"file": (path.name, f, media_type)}, data={"manager": "bench-manager"})
        r.raise_for_status()
        if not arrived.wait(900):
            raise SystemExit("call.analyzed never arrived")
        elapsed = time.perf_counter() - started
        call = httpx.get(f"{url}/v1/calls/{r.json()['id']}", headers=headers).json()
        if call["status"] != "done":
            raise SystemExit(f"the call failed: {call['error']}")
        httpx.delete(f"{url}/v1/webhooks/{hook.json()['id']}", headers=headers)
        return elapsed
    finally:
        receiver.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--skip-audio", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="callgrade-bench-") as tmp:
        database_url = args.database_url or f"sqlite:///{tmp}/bench.db"
        data_dir = Path(tmp) / "data"
        t0 = time.perf_counter()
        key, ids = seed(database_url, data_dir, args.calls)
        print(f"seeded {len(ids)} calls in {time.perf_counter() - t0:.1f} s ({database_url.split(':')[0]})")
        env = {"CALLGRADE_DATABASE_URL": database_url, "CALLGRADE_DATA_DIR": str(data_dir),
               "CALLGRADE_WORKERS": "0", "CALLGRADE_PRELOAD_MODELS": "false"}
        server = Server(env)
        try:
            server.wait_ready()
            endpoints = {
                "GET /v1/calls/{id}": [f"/v1/calls/{i}" for i in ids[:200]],
                "GET /v1/calls (page of 50)": ["/v1/calls?limit=50"],
                "GET /v1/calls?q=... (full text)": ["/v1/calls?q=бюджет&limit=50"],
                "GET /v1/calls?item=...&item_status=fail": ["/v1/calls?item=greeting&item_status=fail&limit=50"],
                "GET /v1/leads": ["/v1/leads?limit=50"],
            }
            print(f"{'endpoint':42} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}   ({args.clients} clients, "
                  f"{args.seconds:g} s each, {os.cpu_count()} cores)")
            for name, paths in endpoints.items():
                rps, p50, p95 = hammer(server.url, key, paths, clients=args.clients, seconds=args.seconds)
                print(f"{name:42} {rps:8.0f} {p50:8.1f} {p95:8.1f}")
        finally:
            server.stop()
        if args.skip_audio:
            return
        env.update({"CALLGRADE_WORKERS": "1", "CALLGRADE_PRELOAD_MODELS": "true"})
        server = Server(env)
        try:
            print(f"server with models loaded in {server.wait_ready():.1f} s")
            transcript = SEED_CALLS / "ru_good_call.transcript.json"
            print(f"upload -> call.analyzed, transcript {transcript.name}: "
                  f"{upload_to_analyzed(server.url, key, transcript, 'application/json'):.2f} s")
            audio = next(p for p in (SEED_CALLS / "ru_good_call.flac", SEED_CALLS / "ru_good_call.ogg") if p.exists())
            media = "audio/flac" if audio.suffix == ".flac" else "audio/ogg"
            print(f"upload -> call.analyzed, recording {audio.name}: "
                  f"{upload_to_analyzed(server.url, key, audio, media):.2f} s")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
