"""The durable job queue: rows in the database, claimed with a conditional UPDATE so that any
number of worker threads and processes, on SQLite or PostgreSQL, never run one job twice at
the same time. A crashed worker's lease expires and another worker takes the job over."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from murmur.db import utcnow
from murmur.jobs.models import Job, JobStatus


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    id: uuid.UUID
    kind: str
    tenant_id: uuid.UUID
    encounter_id: uuid.UUID | None
    attempts: int
    max_attempts: int


def enqueue(
    session: Session,
    *,
    kind: str,
    tenant_id: uuid.UUID,
    encounter_id: uuid.UUID | None,
    max_attempts: int,
    dedupe_key: str | None = None,
) -> Job:
    """Adds a job to the caller's transaction; asking again for the same dedupe key is a no-op."""
    key = dedupe_key or f"{kind}:{encounter_id or uuid.uuid4()}"
    existing = session.scalars(select(Job).where(Job.dedupe_key == key)).one_or_none()
    if existing is not None:
        return existing
    job = Job(
        kind=kind,
        dedupe_key=key,
        tenant_id=tenant_id,
        encounter_id=encounter_id,
        max_attempts=max_attempts,
    )
    try:
        with session.begin_nested():
            session.add(job)
    except IntegrityError:
        # A concurrent request enqueued the same work first.
        return session.scalars(select(Job).where(Job.dedupe_key == key)).one()
    return job


def _claimable(now: datetime) -> object:
    return or_(
        and_(Job.status == JobStatus.QUEUED, Job.run_after <= now),
        and_(Job.status == JobStatus.RUNNING, Job.locked_until < now),
    )


def claim(session: Session, *, worker_id: str, lease_seconds: int) -> ClaimedJob | None:
    now = utcnow()
    candidates = session.scalars(
        select(Job.id).where(_claimable(now)).order_by(Job.created_at).limit(8)  # type: ignore[arg-type]
    ).all()
    for job_id in candidates:
        result = session.execute(
            update(Job)
            .where(Job.id == job_id, _claimable(now))  # type: ignore[arg-type]
            .values(
                status=JobStatus.RUNNING,
                locked_by=worker_id,
                locked_until=now + timedelta(seconds=lease_seconds),
                attempts=Job.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            job = session.get_one(Job, job_id, populate_existing=True)
            return ClaimedJob(
                id=job.id,
                kind=job.kind,
                tenant_id=job.tenant_id,
                encounter_id=job.encounter_id,
                attempts=job.attempts,
                max_attempts=job.max_attempts,
            )
    return None


def extend_lease(
    session: Session, *, job_id: uuid.UUID, worker_id: str, lease_seconds: int
) -> None:
    session.execute(
        update(Job)
        .where(Job.id == job_id, Job.locked_by == worker_id, Job.status == JobStatus.RUNNING)
        .values(locked_until=utcnow() + timedelta(seconds=lease_seconds))
    )


def mark_succeeded(session: Session, *, job_id: uuid.UUID) -> None:
    session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(
            status=JobStatus.SUCCEEDED, finished_at=utcnow(), locked_until=None, last_error=None
        )
    )


def mark_failed(session: Session, *, job_id: uuid.UUID, error: str) -> None:
    session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(status=JobStatus.FAILED, finished_at=utcnow(), locked_until=None, last_error=error)
    )


def schedule_retry(
    session: Session, *, job_id: uuid.UUID, error: str, delay_seconds: float
) -> None:
    session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(
            status=JobStatus.QUEUED,
            run_after=utcnow() + timedelta(seconds=delay_seconds),
            locked_by=None,
            locked_until=None,
            last_error=error,
        )
    )


def defer(session: Session, *, job_id: uuid.UUID, delay_seconds: float, why: str) -> None:
    """Puts a job back without spending an attempt: it is waiting, not failing."""
    session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(
            status=JobStatus.QUEUED,
            attempts=Job.attempts - 1,
            run_after=utcnow() + timedelta(seconds=delay_seconds),
            locked_by=None,
            locked_until=None,
            last_error=why,
        )
    )
