"""Durable jobs: written with the change that causes them, resumed after a crash, safe twice."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from murmur.db import utcnow
from murmur.jobs import queue
from murmur.jobs.models import Job, JobStatus
from murmur.jobs.queue import ClaimedJob
from murmur.jobs.worker import JobHandler, PermanentJobError, Worker
from murmur.services import Services
from murmur.tenancy.models import Tenant
from murmur.tenancy.service import create_tenant


def _tenant(services: Services) -> uuid.UUID:
    with services.transactions.writing() as session:
        return create_tenant(session, name="Jobs").id


def _enqueue(services: Services, tenant_id: uuid.UUID, key: str, max_attempts: int = 3) -> None:
    with services.transactions.writing() as session:
        queue.enqueue(
            session,
            kind="rename",
            tenant_id=tenant_id,
            encounter_id=None,
            max_attempts=max_attempts,
            dedupe_key=key,
        )


def _worker(services: Services, run: JobHandler) -> Worker:
    return Worker(
        transactions=services.transactions,
        handlers={"rename": run},
        lease_seconds=30,
        poll_seconds=0.01,
    )


def _status(services: Services) -> tuple[str, int, str | None]:
    with services.transactions.writing() as session:
        job = session.scalars(select(Job)).one()
        return job.status, job.attempts, job.last_error


def test_job_rolled_back_with_its_cause_never_runs(services: Services) -> None:
    tenant_id = _tenant(services)
    try:
        with services.transactions.writing() as session:
            queue.enqueue(
                session,
                kind="rename",
                tenant_id=tenant_id,
                encounter_id=None,
                max_attempts=3,
                dedupe_key="k",
            )
            raise RuntimeError("the request failed after enqueueing")
    except RuntimeError:
        pass
    with services.transactions.writing() as session:
        assert session.scalar(select(func.count()).select_from(Job)) == 0


def test_enqueueing_the_same_work_twice_is_one_job(services: Services) -> None:
    tenant_id = _tenant(services)
    _enqueue(services, tenant_id, "same")
    _enqueue(services, tenant_id, "same")
    with services.transactions.writing() as session:
        assert session.scalar(select(func.count()).select_from(Job)) == 1


def test_a_crashed_workers_job_is_taken_over_after_its_lease(services: Services) -> None:
    tenant_id = _tenant(services)
    _enqueue(services, tenant_id, "crash")
    with services.transactions.writing() as session:
        claimed = queue.claim(session, worker_id="dead-worker", lease_seconds=30)
    assert claimed is not None
    ran: list[ClaimedJob] = []
    survivor = _worker(services, JobHandler(run=ran.append, on_give_up=lambda *_: None))
    assert survivor.run_until_idle() == 0, "a live lease must not be stolen"
    with services.transactions.writing() as session:
        session.execute(update(Job).values(locked_until=utcnow() - timedelta(seconds=1)))
    assert survivor.run_until_idle() == 1
    assert [job.attempts for job in ran] == [2]
    assert _status(services)[0] == JobStatus.SUCCEEDED


def test_running_a_handler_twice_leaves_one_result(services: Services) -> None:
    tenant_id = _tenant(services)

    def rename(job: ClaimedJob) -> None:
        with services.transactions.writing() as session:
            session.get_one(Tenant, job.tenant_id).name = "Renamed"

    handler = JobHandler(run=rename, on_give_up=lambda *_: None)
    for key in ("first", "second"):
        _enqueue(services, tenant_id, key)
    assert _worker(services, handler).run_until_idle() == 2
    with services.transactions.writing() as session:
        assert [t.name for t in session.scalars(select(Tenant))] == ["Renamed"]


def test_transient_failures_retry_then_give_up_with_reason(services: Services) -> None:
    tenant_id = _tenant(services)
    _enqueue(services, tenant_id, "flaky", max_attempts=2)
    given_up: list[str] = []

    def flaky(job: ClaimedJob) -> None:
        raise ConnectionError("engine unreachable")

    def give_up(session: Session, job: ClaimedJob, reason: str) -> None:
        given_up.append(reason)

    worker = _worker(services, JobHandler(run=flaky, on_give_up=give_up))
    worker.run_until_idle()
    status, attempts, _ = _status(services)
    assert (status, attempts) == (JobStatus.QUEUED, 1)
    with services.transactions.writing() as session:
        session.execute(update(Job).values(run_after=utcnow()))
    worker.run_until_idle()
    status, attempts, error = _status(services)
    assert (status, attempts) == (JobStatus.FAILED, 2)
    assert given_up == ["processing failed after 2 attempts: ConnectionError: engine unreachable"]
    assert error == given_up[0]


def test_permanent_failure_gives_up_at_once(services: Services) -> None:
    tenant_id = _tenant(services)
    _enqueue(services, tenant_id, "bad-audio")
    reasons: list[str] = []

    def broken(job: ClaimedJob) -> None:
        raise PermanentJobError("audio could not be decoded: empty file")

    worker = _worker(
        services, JobHandler(run=broken, on_give_up=lambda s, j, reason: reasons.append(reason))
    )
    worker.run_until_idle()
    assert _status(services)[:2] == (JobStatus.FAILED, 1)
    assert reasons == ["audio could not be decoded: empty file"]


def test_a_job_interrupted_too_often_is_failed_not_looped(services: Services) -> None:
    tenant_id = _tenant(services)
    _enqueue(services, tenant_id, "crashy", max_attempts=1)
    with services.transactions.writing() as session:
        session.execute(
            update(Job).values(
                status=JobStatus.RUNNING, attempts=1, locked_until=utcnow() - timedelta(seconds=1)
            )
        )
    reasons: list[str] = []
    worker = _worker(
        services,
        JobHandler(run=lambda job: None, on_give_up=lambda s, j, reason: reasons.append(reason)),
    )
    worker.run_until_idle()
    assert _status(services)[0] == JobStatus.FAILED
    assert reasons == ["processing was interrupted 1 times"]
