"""Shared fixtures: a real database (SQLite and PostgreSQL), built by the real migrations, each
test's writes rolled back after it; the real app over HTTP; a worker the test drives by hand.

A test that needs several connections (a worker subprocess, threads racing on the database)
opts in with ``@pytest.mark.committed``: it commits for real and the tables are emptied
afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from murmur import app as app_module
from murmur.app import create_app
from murmur.db import Base, Transactions, make_engine
from murmur.jobs.worker import Worker
from murmur.migrations.runner import upgrade_to_head
from murmur.services import Services, build_services
from murmur.settings import Settings

POSTGRES_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture(
    scope="session",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'murmur.sqlite3'}"
        upgrade_to_head(url)
        yield url
        return
    name = f"murmur_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN_DSN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    try:
        upgrade_to_head(url)
        yield url
    finally:
        with psycopg.connect(POSTGRES_ADMIN_DSN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def model_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One assembled speech model for the whole run (assembled on first use)."""
    return tmp_path_factory.mktemp("models")


@pytest.fixture
def settings(database_url: str, tmp_path: Path, model_cache_dir: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        model_cache_dir=model_cache_dir,
        in_process_workers=0,
    )


@pytest.fixture(scope="session")
def database_engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def services(
    settings: Settings,
    database_engine: Engine,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Services]:
    if request.node.get_closest_marker("committed"):
        yield from _committed(settings)
        return
    with database_engine.connect() as connection:
        outer = connection.begin()
        # Every transaction the app opens becomes a SAVEPOINT inside the test's transaction.
        sessions = sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        # The database was migrated once for the run. Checking again would open a second
        # connection, and on SQLite its BEGIN IMMEDIATE would wait on the test's transaction.
        monkeypatch.setattr(app_module, "upgrade_to_head", lambda _url: None)
        built = build_services(settings, transactions=Transactions(sessions))
        try:
            yield built
        finally:
            outer.rollback()
            built.engine.dispose()


def _committed(settings: Settings) -> Iterator[Services]:
    built = build_services(settings)
    try:
        yield built
    finally:
        with built.engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(text(f"DELETE FROM {table.name}"))
        built.engine.dispose()


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(services.settings, services=services)) as test_client:
        yield test_client


@pytest.fixture
def worker(services: Services) -> Worker:
    return services.workers(1)[0]
