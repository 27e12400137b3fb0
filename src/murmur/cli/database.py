"""The command lines' one transaction boundary."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from murmur.db import Transactions

T = TypeVar("T")


def in_transaction(
    transactions: Transactions, command: Callable[[Session], T], *, read_only: bool = False
) -> T:
    """Runs a command's database work as one transaction: committed when ``command`` returns
    (a command prints only after that), rolled back if it raises; ``read_only`` keeps nothing."""
    opened = transactions.reading() if read_only else transactions.writing()
    with opened as session:
        return command(session)
