"""Database engine, sessions and the declarative base shared by every feature's models."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import DateTime, MetaData, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

T = TypeVar("T")
Read = TypeVar("Read")
Worked = TypeVar("Worked")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own BEGIN handling defers locks; take the write lock at BEGIN instead so
        # concurrent writers queue on busy_timeout rather than failing with "database is locked".
        # A read-only transaction begins deferred: in WAL mode it reads beside a writer without
        # waiting for the write lock (a reader queued behind a writer that waits for a thread
        # the reader holds would otherwise stall both until the busy timeout).
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


READ_ONLY = "murmur_read_only"


def _sqlite_begin(connection: Connection) -> None:
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


class Transactions:
    """The one helper that opens transactions. Functions that take a ``Session`` join their
    caller's transaction and only flush; the slow paths take ``Transactions`` and hand it small
    functions of a session: ``read`` and ``write`` run one in a short transaction of its own,
    and ``staged`` reads briefly, works outside any transaction (speech recognition, note
    writing, parsing, receiving bytes), then writes briefly.

    ``writing()`` and ``reading()`` are the primitives under them, used directly only by the
    boundaries the README names (the request dependency, the job worker, the command lines)."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def read(self, step: Callable[[Session], T]) -> T:
        """Runs ``step`` in a transaction that keeps nothing."""
        with self.reading() as session:
            return step(session)

    def write(self, step: Callable[[Session], T]) -> T:
        """Runs ``step`` in a transaction committed when it returns, rolled back if it raises."""
        with self.writing() as session:
            return step(session)

    def staged(
        self,
        *,
        read: Callable[[Session], Read],
        work: Callable[[Read], Worked],
        write: Callable[[Session, Read, Worked], T],
    ) -> T:
        """``read`` briefly, ``work`` on what it read with no transaction open, then ``write``
        what was read and worked out in a transaction of its own; returns what ``write`` does.
        The database may change between the steps: ``write`` checks what it relies on."""
        found = self.read(read)
        worked = work(found)
        return self.write(lambda session: write(session, found, worked))

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """Commits when the block ends normally; rolls back on any exception."""
        session = self._factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """For reads: the transaction ends without a commit, so nothing the block changed is
        kept. Loaded objects stay readable after the block (closing does not expire them)."""
        with self._factory() as session:
            session.connection(execution_options={READ_ONLY: True})
            yield session
