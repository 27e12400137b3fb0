"""Coding errors, rendered by each API surface like every MurmurError."""

from __future__ import annotations

from murmur.errors import Conflict, InvalidInput


class UnknownCodeSystem(InvalidInput):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(
            f"unknown coding system {name!r}; use one of: {', '.join(known)}",
            field="coding_system",
        )


class CodeSystemNotLoaded(Conflict):
    """A licensed system this installation has not been given the release files for."""

    def __init__(self, system: str, how: str) -> None:
        super().__init__(
            f"{system} is licensed and not loaded on this server; an administrator loads the "
            f"licensee's release with `murmur admin load-codes --system {system} --path {how}`",
            field="coding_system",
        )
