"""A code system as data: concepts with their hierarchy, looked up by code, searched by words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from murmur.coding.systems.search import TermIndex


@dataclass(frozen=True, slots=True)
class SystemInfo:
    name: str  # as the APIs spell it, e.g. "ICD-10-CM"
    edition: str
    year: int
    licensed: bool = False


@dataclass(frozen=True, slots=True)
class Concept:
    code: str  # as published, e.g. "J20.9", "S52.521A", "A00-A09", "22298006"
    description: str
    billable: bool
    parent: str | None = None
    inclusion_terms: tuple[str, ...] = ()
    excludes1: tuple[str, ...] = ()
    excludes2: tuple[str, ...] = ()


def code_key(code: str) -> str:
    """The form lookups compare: "j20.9" and "J209" are the same code."""
    return code.replace(".", "").strip().upper()


@dataclass
class Terminology:
    """Every concept of one edition of one code system."""

    info: SystemInfo
    concepts: dict[str, Concept] = field(repr=False)

    @classmethod
    def of(cls, info: SystemInfo, concepts: Iterable[Concept]) -> Terminology:
        return cls(info, {code_key(c.code): c for c in concepts})

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code_key(code) in self.concepts

    def lookup(self, code: str) -> Concept | None:
        return self.concepts.get(code_key(code))

    def parents(self, code: str) -> list[Concept]:
        """The chain from the direct parent up to the chapter (or root concept)."""
        chain: list[Concept] = []
        current = self.lookup(code)
        seen: set[str] = set()
        while current is not None and current.parent and current.parent not in seen:
            seen.add(current.parent)
            current = self.lookup(current.parent)
            if current is not None:
                chain.append(current)
        return chain

    @cached_property
    def _children(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = defaultdict(list)
        for key, concept in self.concepts.items():
            if concept.parent:
                children[code_key(concept.parent)].append(key)
        return children

    def children(self, code: str) -> list[Concept]:
        return [self.concepts[key] for key in self._children.get(code_key(code), [])]

    @cached_property
    def _index(self) -> TermIndex:
        return TermIndex.build(
            (concept.code, text)
            for concept in self.concepts.values()
            for text in (concept.description, *concept.inclusion_terms)
        )

    def search(self, query: str, *, limit: int = 10, billable_only: bool = False) -> list[Concept]:
        """Best BM25 matches over descriptions and inclusion terms."""
        found: list[Concept] = []
        for code in self._index.search(query, limit=limit * 5 if billable_only else limit):
            concept = self.lookup(code)
            if concept is not None and (concept.billable or not billable_only):
                found.append(concept)
        return found[:limit]
