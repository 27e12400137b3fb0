"""What a loader reads from a licensee's release files."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from murmur.coding.systems.concepts import Concept, SystemInfo
from murmur.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Release:
    info: SystemInfo
    concepts: list[Concept]
    synonyms: dict[str, list[str]]  # code -> other terms for it


def one_file(path: Path, pattern: str, *, what: str) -> Path:
    """The release file matching the pattern under path (path itself if it is a file)."""
    if path.is_file():
        return path
    found = sorted(path.rglob(pattern)) if path.is_dir() else []
    if not found:
        raise InvalidInput(f"{what}: no file matching {pattern!r} under {path}")
    return found[-1]


def tab_rows(path: Path, *, encoding: str = "utf-8") -> Iterator[list[str]]:
    with path.open(newline="", encoding=encoding, errors="replace") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
