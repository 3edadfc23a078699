"""A stop never loses work: queued and interrupted jobs are finished after a restart."""

from __future__ import annotations

from sqlalchemy import select

from api.calls.models import Call
from api.queue.models import JobRow


def test_queued_and_interrupted_jobs_finish_after_a_restart(start_api):
    first = start_api(workers=0)
    ids = [first.upload(external_id=f"r{i}").json()["id"] for i in range(3)]
    interrupted = first.services.queue.claim(worker="host:1:0")  # a worker took it, then the server stopped
    assert interrupted is not None and interrupted.ref_id == ids[0]
    with first.services.sessions.begin() as session:
        session.get(Call, ids[0]).status = "processing"
    first.client.__exit__(None, None, None)

    second = start_api(users=False, workers=1)
    second.keys, second.ids = first.keys, first.ids
    for call_id in ids:
        call = second.wait_for(call_id)
        assert call["analysis"]["grade"] is not None
    with second.services.sessions() as session:
        jobs = {j.ref_id: j for j in session.scalars(select(JobRow).where(JobRow.kind == "analyze"))}
    assert {j.status for j in jobs.values()} == {"done"}
    assert jobs[ids[0]].attempts == 2 and jobs[ids[1]].attempts == 1
    assert second.get("/v1/calls").json()["total"] == 3  # nothing duplicated, nothing lost


def test_a_job_interrupted_too_often_fails_the_call_with_the_reason(start_api):
    api = start_api(workers=0, job_max_attempts=2)
    call = api.upload().json()
    for _ in range(2):  # two runs died mid-way
        assert api.services.queue.claim(worker="dead") is not None
        api.services.queue.requeue_running()
    api.drain()
    failed = api.get(f"/v1/calls/{call['id']}").json()
    assert failed["status"] == "failed" and failed["error"].startswith("E610")
    assert api.post(f"/v1/calls/{call['id']}/reanalyze").status_code == 202
    api.drain()
    assert api.get(f"/v1/calls/{call['id']}").json()["status"] == "done"
