"""ACHI 13th edition from IHACPA's tab-delimited code list.

Each row: code (NNNNN-NN), descriptor, block number, block descriptor. A header row is
allowed. Blocks become the parents of their codes.
"""

from __future__ import annotations

import re
from pathlib import Path

from murmur.coding.loaders.release import Release, one_file, tab_rows
from murmur.coding.systems.concepts import Concept, SystemInfo
from murmur.errors import InvalidInput

SYSTEM = "ACHI-13"
_CODE = re.compile(r"^\d{5}-\d{2}$")


def read(path: Path) -> Release:
    source = one_file(path, "*.txt", what=SYSTEM)
    concepts: list[Concept] = []
    blocks: dict[str, str] = {}
    for number, row in enumerate(tab_rows(source, encoding="utf-8-sig"), start=1):
        if not row or not row[0].strip():
            continue
        code = row[0].strip()
        if not _CODE.match(code):
            if number == 1:
                continue  # header
            raise InvalidInput(f"{source.name} line {number}: {code!r} is not an ACHI code")
        block = row[2].strip() if len(row) > 2 and row[2].strip() else None
        if block is not None:
            block = f"[{block.strip('[]')}]"
            blocks.setdefault(block, row[3].strip() if len(row) > 3 else block)
        concepts.append(Concept(code, row[1].strip(), True, block))
    if not concepts:
        raise InvalidInput(f"{source.name} holds no ACHI codes")
    concepts += [Concept(block, title, False) for block, title in blocks.items()]
    return Release(SystemInfo(SYSTEM, "ACHI Thirteenth Edition", 2025, licensed=True), concepts, {})
