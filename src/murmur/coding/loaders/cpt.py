"""Full CPT from the AMA's descriptor data file a licensee receives (e.g. LONGULT.txt).

Each line: a five-character code, a tab (or spaces), the descriptor. Lines that do not start
with a code (headers, notices) are skipped. The edition year comes from the file's name or
folder (e.g. "2025"), else --edition.
"""

from __future__ import annotations

import re
from pathlib import Path

from murmur.coding.loaders.release import Release, one_file
from murmur.coding.systems.concepts import Concept, SystemInfo
from murmur.errors import InvalidInput

SYSTEM = "CPT"
_LINE = re.compile(r"^(?P<code>\d{4}[0-9A-Z])[\t ]+(?P<descriptor>\S.*)$")
_YEAR = re.compile(r"(20\d\d)")


def read(path: Path) -> Release:
    source = one_file(path, "*LONG*.txt", what=SYSTEM)
    concepts: list[Concept] = []
    for line in source.read_text(encoding="utf-8-sig", errors="replace").splitlines():
        match = _LINE.match(line.strip())
        if match:
            concepts.append(Concept(match["code"], match["descriptor"].strip(), True))
    if not concepts:
        raise InvalidInput(f"{source.name} holds no CPT codes (expected CODE<TAB>descriptor)")
    found = _YEAR.findall(str(source))
    year = int(found[-1]) if found else 0
    edition = f"CPT {year} (licensee data file)" if year else "CPT (licensee data file)"
    return Release(SystemInfo(SYSTEM, edition, year, licensed=True), concepts, {})
