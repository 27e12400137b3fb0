"""Which code systems exist, under which names, and how each is obtained."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from murmur.coding.errors import UnknownCodeSystem
from murmur.coding.systems import icd9cm, icd10cm, who_icd10
from murmur.coding.systems.concepts import SystemInfo, Terminology

BUNDLED: dict[str, Callable[[], Terminology]] = {
    "ICD-10-CM": icd10cm.load,
    "ICD-10": who_icd10.load,
    "ICD-9-CM": icd9cm.load,
}
BUNDLED_INFO = {info.name: info for info in (icd10cm.INFO, who_icd10.INFO, icd9cm.INFO)}
# Licensed systems and the release files `murmur admin load-codes --path` expects.
LICENSED = {
    "SNOMED-CT": "RF2_SNAPSHOT_DIR",
    "OPCS-410": "OPCS410_CodesAndTitles.txt",
    "ACHI-13": "ACHI13_codes.txt",
    "CPT": "LONGULT.txt",
}
ALIASES = {
    "ICD-9": "ICD-9-CM",
    "SNOMED": "SNOMED-CT",
    "SNOMEDCT": "SNOMED-CT",
    "OPCS-4.10": "OPCS-410",
    "OPCS4": "OPCS-410",
    "CPT-2025": "CPT",
}


def canonical(name: str) -> str:
    """ "snomed" -> "SNOMED-CT", "CPT-2025" -> "CPT"; unknown names are a 400."""
    upper = name.strip().upper()
    upper = ALIASES.get(upper, upper)
    if upper in BUNDLED or upper in LICENSED:
        return upper
    raise UnknownCodeSystem(name, [*BUNDLED, *LICENSED, *ALIASES])


@cache
def bundled(name: str) -> Terminology:
    """A bundled system, parsed from its package's data on first use."""
    return BUNDLED[name]()


def bundled_info() -> list[SystemInfo]:
    return list(BUNDLED_INFO.values())
