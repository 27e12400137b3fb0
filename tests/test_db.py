"""``Transactions``: the short transactions of the slow paths, the worker and the CLIs."""

from __future__ import annotations

import time
from functools import partial

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from murmur.services import Services
from murmur.tenancy.models import Tenant


def _names(services: Services) -> list[str]:
    with services.transactions.reading() as session:
        return list(session.scalars(select(Tenant.name).order_by(Tenant.name)))


def _add_then_fail(services: Services, name: str) -> None:
    with services.transactions.writing() as session:
        session.add(Tenant(name=name))
        session.flush()
        raise RuntimeError("the request failed")


def test_writing_commits_a_block_that_ends_and_rolls_back_one_that_raises(
    services: Services,
) -> None:
    with services.transactions.writing() as session:
        session.add(Tenant(name="Kept"))
    with pytest.raises(RuntimeError):
        _add_then_fail(services, "Rolled back")

    assert _names(services) == ["Kept"]


def test_reading_keeps_nothing_and_its_rows_stay_readable(services: Services) -> None:
    with services.transactions.writing() as session:
        session.add(Tenant(name="Kept"))
    with services.transactions.reading() as session:
        tenant = session.scalars(select(Tenant)).one()
        session.add(Tenant(name="Never stored"))
        session.flush()

    assert tenant.name == "Kept"
    assert _names(services) == ["Kept"]


def _add_tenant(session: Session, name: str) -> str:
    session.add(Tenant(name=name))
    session.flush()
    return name


def test_write_keeps_what_its_step_adds_and_read_keeps_nothing(services: Services) -> None:
    kept = services.transactions.write(partial(_add_tenant, name="Kept"))
    services.transactions.read(partial(_add_tenant, name="Never stored"))

    assert kept == "Kept"
    assert _names(services) == ["Kept"]


def _count_tenants(session: Session) -> int:
    return len(list(session.scalars(select(Tenant))))


def _name_for(count: int) -> str:
    return f"Clinic {count + 1}"


def _add_named(session: Session, count: int, name: str) -> str:
    return _add_tenant(session, f"{name} (after {count})")


def test_staged_writes_what_it_read_and_worked_out(services: Services) -> None:
    services.transactions.write(partial(_add_tenant, name="First"))

    written = services.transactions.staged(read=_count_tenants, work=_name_for, write=_add_named)

    assert written == "Clinic 2 (after 1)"
    assert _names(services) == ["Clinic 2 (after 1)", "First"]


def _fail(count: int) -> str:
    raise RuntimeError("the slow work failed")


def test_staged_writes_nothing_when_its_work_fails(services: Services) -> None:
    with pytest.raises(RuntimeError):
        services.transactions.staged(read=_count_tenants, work=_fail, write=_add_named)

    assert _names(services) == []


@pytest.mark.committed
def test_a_read_does_not_wait_for_a_write_transaction_in_progress(services: Services) -> None:
    """On SQLite every writer takes the write lock at BEGIN; a reader must not queue behind
    it (a request holding the lock may be waiting for the thread the reader is on)."""
    with services.transactions.writing() as writer:
        writer.add(Tenant(name="Writer's hospital"))
        writer.flush()  # the write transaction is open and holds its lock

        started = time.monotonic()
        names = _names(services)

        assert names == []  # the uncommitted row is not seen
        assert time.monotonic() - started < 5
    assert _names(services) == ["Writer's hospital"]
