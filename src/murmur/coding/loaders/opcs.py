"""OPCS-4.10 from NHS England's "CodesAndTitles" text file: code TAB title, no header.

Codes appear as three-character categories ("A01") and four-character codes, written with
or without the dot ("A01.1" / "A011"); the chapter is the first letter.
"""

from __future__ import annotations

from pathlib import Path

from murmur.coding.loaders.release import Release, one_file, tab_rows
from murmur.coding.systems.concepts import Concept, SystemInfo
from murmur.errors import InvalidInput

SYSTEM = "OPCS-410"


def _dotted(code: str) -> str:
    raw = code.replace(".", "").strip().upper()
    return raw if len(raw) <= 3 else f"{raw[:3]}.{raw[3:]}"


def read(path: Path) -> Release:
    source = one_file(path, "*CodesAndTitles*.txt", what=SYSTEM)
    titles: dict[str, str] = {}
    for row in tab_rows(source, encoding="utf-8-sig"):
        if len(row) < 2 or not row[0].strip():
            continue
        code = _dotted(row[0])
        if not (code[:1].isalpha() and code[1:3].isdigit()):
            raise InvalidInput(f"{source.name}: {row[0]!r} is not an OPCS-4 code")
        titles[code] = row[1].strip()
    if not titles:
        raise InvalidInput(f"{source.name} holds no OPCS-4 codes")
    has_children = {code[:3] for code in titles if len(code) > 3}
    concepts = [
        Concept(
            code=code,
            description=title,
            billable=code not in has_children,
            parent=code[:3] if len(code) > 3 else None,
        )
        for code, title in titles.items()
    ]
    info = SystemInfo(SYSTEM, f"OPCS-4.10 ({source.stem})", _year(source.stem), licensed=True)
    return Release(info, concepts, {})


def _year(name: str) -> int:
    years = [int(word) for word in name.split() if word.isdigit() and len(word) == 4]
    return years[0] if years else 2023
