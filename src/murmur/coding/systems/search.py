"""Full-text retrieval (SQLite FTS5, BM25 ranking) over the words of a code system."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable

_WORD = re.compile(r"[A-Za-z0-9]+")


class TermIndex:
    """An in-memory FTS5 table: one row per description or inclusion term."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._lock = threading.Lock()

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str]]) -> TermIndex:
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        connection.execute(
            "CREATE VIRTUAL TABLE terms USING fts5(code UNINDEXED, text, tokenize='porter')"
        )
        connection.executemany("INSERT INTO terms (code, text) VALUES (?, ?)", rows)
        connection.commit()
        return cls(connection)

    def search(self, query: str, *, limit: int = 10) -> list[str]:
        """Codes whose text holds every word of the query; failing that, any word."""
        words = [f'"{w}"' for w in _WORD.findall(query.lower())]
        if not words:
            return []
        for joiner in (" AND ", " OR "):
            codes = self._match(joiner.join(words), limit)
            if codes:
                return codes
        return []

    def _match(self, expression: str, limit: int) -> list[str]:
        # A code can match through several of its terms: fetch extra rows, keep each once.
        sql = "SELECT code FROM terms WHERE terms MATCH ? ORDER BY bm25(terms) LIMIT ?"
        with self._lock:
            rows = self._connection.execute(sql, (expression, limit * 4)).fetchall()
        return list(dict.fromkeys(str(row[0]) for row in rows))[:limit]
