"""``Transactions``: the short transactions of the slow paths, the worker and the CLIs."""

from __future__ import annotations

import pytest
from sqlalchemy import select

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
