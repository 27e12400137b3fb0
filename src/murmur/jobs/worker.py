"""Workers that claim jobs from the database and run their handlers.

Handlers must be idempotent: a job whose worker dies after the handler committed but before the
job was marked done runs again, and must leave the same rows behind.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import traceback
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from sqlalchemy.orm import Session

from murmur.db import Transactions
from murmur.jobs import queue
from murmur.jobs.queue import ClaimedJob

log = logging.getLogger(__name__)

T = TypeVar("T")


class PermanentJobError(Exception):
    """A failure that retrying cannot fix (undecodable audio, say); the job fails at once."""


class DeferJob(Exception):
    """The job cannot proceed yet (it waits on other work); run it again a little later."""

    def __init__(self, why: str, *, delay_seconds: float = 1.0) -> None:
        super().__init__(why)
        self.delay_seconds = delay_seconds


@dataclass(frozen=True, slots=True)
class JobHandler:
    run: Callable[[ClaimedJob], None]
    on_give_up: Callable[[Session, ClaimedJob, str], None]
    """Records the final failure where users see it, inside the transaction that fails the job."""


class Worker:
    def __init__(
        self,
        *,
        transactions: Transactions,
        handlers: Mapping[str, JobHandler],
        lease_seconds: int,
        poll_seconds: float,
        name: str | None = None,
    ) -> None:
        self._transactions = transactions
        self._handlers = handlers
        self._lease = lease_seconds
        self._poll = poll_seconds
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def run_once(self) -> bool:
        """Claims and runs one job; False when nothing was ready."""
        job = self._in_transaction(
            partial(queue.claim, worker_id=self.name, lease_seconds=self._lease)
        )
        if job is None:
            return False
        handler = self._handlers.get(job.kind)
        if handler is None:
            log.error("no handler for job kind %s; leaving job %s to its lease", job.kind, job.id)
            return True
        if job.attempts > job.max_attempts:
            self._give_up(job, handler, f"processing was interrupted {job.max_attempts} times")
            return True
        self._run(job, handler)
        return True

    def run_until_idle(self) -> int:
        ran = 0
        while self.run_once():
            ran += 1
        return ran

    def run_forever(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                if not self.run_once():
                    stop.wait(self._poll)
            except Exception:
                # The database may be briefly unavailable; keep the worker alive and retry.
                log.exception("worker %s: claiming a job failed", self.name)
                stop.wait(max(self._poll, 2.0))

    def _run(self, job: ClaimedJob, handler: JobHandler) -> None:
        heartbeat_stop = threading.Event()
        heartbeat = threading.Thread(
            target=self._heartbeat, args=(job, heartbeat_stop), daemon=True, name="job-heartbeat"
        )
        heartbeat.start()
        try:
            handler.run(job)
        except PermanentJobError as error:
            self._give_up(job, handler, str(error))
        except DeferJob as wait:
            self._in_transaction(
                partial(queue.defer, job_id=job.id, delay_seconds=wait.delay_seconds, why=str(wait))
            )
        except Exception as error:
            log.warning(
                "job %s (%s) attempt %d failed", job.id, job.kind, job.attempts, exc_info=True
            )
            detail = f"{type(error).__name__}: {error}"
            if job.attempts >= job.max_attempts:
                self._give_up(
                    job, handler, f"processing failed after {job.attempts} attempts: {detail}"
                )
            else:
                self._in_transaction(
                    partial(
                        queue.schedule_retry,
                        job_id=job.id,
                        error=traceback.format_exc(limit=5),
                        delay_seconds=2.0 * 2**job.attempts,
                    )
                )
        else:
            self._in_transaction(partial(queue.mark_succeeded, job_id=job.id))
        finally:
            heartbeat_stop.set()
            heartbeat.join()

    def _give_up(self, job: ClaimedJob, handler: JobHandler, reason: str) -> None:
        self._in_transaction(partial(_fail, job=job, handler=handler, reason=reason))

    def _heartbeat(self, job: ClaimedJob, stop: threading.Event) -> None:
        while not stop.wait(self._lease / 3):
            try:
                self._in_transaction(
                    partial(
                        queue.extend_lease,
                        job_id=job.id,
                        worker_id=self.name,
                        lease_seconds=self._lease,
                    )
                )
            except Exception:
                log.exception("could not extend the lease of job %s", job.id)

    def _in_transaction(self, step: Callable[[Session], T]) -> T:
        """The worker's own short transactions (claim, lease heartbeat, outcome), each
        committed at once and apart from any the handler opens."""
        with self._transactions.writing() as session:
            return step(session)


def _fail(session: Session, *, job: ClaimedJob, handler: JobHandler, reason: str) -> None:
    queue.mark_failed(session, job_id=job.id, error=reason)
    handler.on_give_up(session, job, reason)


class WorkerPool:
    """In-process worker threads, for ``murmur serve`` and ``murmur worker``."""

    def __init__(self, workers: list[Worker]) -> None:
        self._workers = workers
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for worker in self._workers:
            thread = threading.Thread(
                target=worker.run_forever, args=(self._stop,), daemon=True, name=worker.name
            )
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout)

    def wait(self) -> None:
        for thread in self._threads:
            thread.join()
