"""ICD-10-CM from the CDC tabular list XML that `simple-icd-10-cm` bundles.

Seven-character codes are generated from each category's 7th-character rules: a leaf code
under a `sevenChrDef` is padded with the placeholder X to six characters, then extended.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from murmur.coding.systems.concepts import Concept, SystemInfo, Terminology
from murmur.coding.systems.packaged import package_file

DISTRIBUTION = "simple-icd-10-cm"
TABULAR = "data/icd10c-tabular-April-1-2026.xml"
INFO = SystemInfo("ICD-10-CM", "FY2026 tabular list (April 1, 2026 update)", 2026)

SevenChr = tuple[tuple[str, str], ...]


def _notes(element: ET.Element, tag: str) -> tuple[str, ...]:
    return tuple(
        (note.text or "").strip()
        for block in element.findall(tag)
        for note in block.findall("note")
    )


def _seventh(element: ET.Element) -> SevenChr | None:
    definition = element.find("sevenChrDef")
    if definition is None:
        return None
    return tuple(
        (ext.get("char", ""), (ext.text or "").strip()) for ext in definition.findall("extension")
    )


def _with_seventh(code: str, character: str) -> str:
    raw = code.replace(".", "").ljust(6, "X") + character
    return f"{raw[:3]}.{raw[3:]}"


def _diag(element: ET.Element, parent: str, rules: SevenChr | None) -> Iterator[Concept]:
    code = (element.findtext("name") or "").strip()
    description = (element.findtext("desc") or "").strip()
    rules = _seventh(element) or rules
    children = element.findall("diag")
    needs_seventh = not children and rules is not None and len(code.replace(".", "")) < 7
    yield Concept(
        code=code,
        description=description,
        billable=not children and not needs_seventh,
        parent=parent,
        inclusion_terms=_notes(element, "inclusionTerm") + _notes(element, "includes"),
        excludes1=_notes(element, "excludes1"),
        excludes2=_notes(element, "excludes2"),
    )
    for child in children:
        yield from _diag(child, code, rules)
    if needs_seventh and rules is not None:
        for character, meaning in rules:
            yield Concept(_with_seventh(code, character), f"{description}, {meaning}", True, code)


def _concepts(root: ET.Element) -> Iterator[Concept]:
    for chapter in root.findall("chapter"):
        number = (chapter.findtext("name") or "").strip()
        yield Concept(number, (chapter.findtext("desc") or "").strip(), False)
        for section in chapter.findall("section"):
            block = section.get("id", "")
            yield Concept(block, (section.findtext("desc") or "").strip(), False, number)
            for diag in section.findall("diag"):
                yield from _diag(diag, block, None)


def load() -> Terminology:
    path = package_file("simple_icd_10_cm", TABULAR, distribution=DISTRIBUTION)
    return Terminology.of(INFO, _concepts(ET.parse(path).getroot()))
