from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class StoredObject:
    key: str
    size_bytes: int
    sha256: str


class ObjectStore(Protocol):
    """Durable bytes by key. ``put_stream`` returns only once the bytes are on stable storage."""

    def put_stream(self, key: str, chunks: Iterable[bytes], *, max_bytes: int) -> StoredObject:
        """Raises PayloadTooLarge (and stores nothing) once more than ``max_bytes`` arrive."""
        ...

    def local_path(self, key: str) -> Path:
        """A readable local file holding the object (engines decode from files)."""
        ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None: ...
