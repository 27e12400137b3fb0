"""SNOMED CT from an RF2 snapshot: concepts, descriptions and IS-A relationships.

Description is the fully specified name; synonyms become searchable terms. Only active
concepts, descriptions and relationships are kept; a concept's first IS-A parent (by id) is
its parent in the chain, since SNOMED CT is a polyhierarchy.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from murmur.coding.loaders.release import Release, one_file, tab_rows
from murmur.coding.systems.concepts import Concept, SystemInfo
from murmur.errors import InvalidInput

SYSTEM = "SNOMED-CT"
IS_A = "116680003"
FULLY_SPECIFIED_NAME = "900000000000003001"
SYNONYM = "900000000000013009"
_RELEASE_NAME = re.compile(r"_(?P<edition>[A-Za-z0-9]+)_(?P<date>\d{8})\.txt$")


def _table(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    rows = tab_rows(path)
    header = next(rows, [])
    missing = [column for column in required if column not in header]
    if missing:
        raise InvalidInput(f"{path.name} is not an RF2 file: missing columns {missing}")
    return [dict(zip(header, row, strict=False)) for row in rows if row]


def read(path: Path) -> Release:
    concepts_file = one_file(path, "sct2_Concept_Snapshot*.txt", what=SYSTEM)
    descriptions_file = one_file(path, "sct2_Description_Snapshot*.txt", what=SYSTEM)
    relationships_file = one_file(path, "sct2_Relationship_Snapshot*.txt", what=SYSTEM)
    active = {row["id"] for row in _table(concepts_file, ("id", "active")) if row["active"] == "1"}
    names: dict[str, str] = {}
    synonyms: dict[str, list[str]] = defaultdict(list)
    for row in _table(descriptions_file, ("conceptId", "active", "typeId", "term")):
        if row["active"] != "1" or row["conceptId"] not in active:
            continue
        if row["typeId"] == FULLY_SPECIFIED_NAME:
            names[row["conceptId"]] = row["term"]
        elif row["typeId"] == SYNONYM:
            synonyms[row["conceptId"]].append(row["term"])
    parents: dict[str, list[str]] = defaultdict(list)
    columns = ("sourceId", "destinationId", "typeId", "active")
    for row in _table(relationships_file, columns):
        if row["active"] == "1" and row["typeId"] == IS_A and row["destinationId"] in active:
            parents[row["sourceId"]].append(row["destinationId"])
    concepts = [
        Concept(
            code=code,
            description=names.get(code) or next(iter(synonyms.get(code, [])), code),
            billable=True,
            parent=min(parents[code], key=int) if parents.get(code) else None,
            inclusion_terms=tuple(synonyms.get(code, [])),
        )
        for code in sorted(active, key=int)
    ]
    match = _RELEASE_NAME.search(concepts_file.name)
    edition = f"{match['edition']} edition {match['date']}" if match else concepts_file.name
    year = int(match["date"][:4]) if match else 0
    return Release(SystemInfo(SYSTEM, edition, year, licensed=True), concepts, dict(synonyms))
