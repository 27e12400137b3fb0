"""Curated lay and clinical phrasings of common primary-care conditions -> ICD-10-CM codes.

The table lives in lexicon.tsv (code, category, explained symptom group, phrases). Codes are
checked against the bundled ICD-10-CM release (FY2026) by the test suite.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files


class Category(StrEnum):
    """How a condition counts as a problem under the 2021 office-visit MDM rules."""

    SYMPTOM = "symptom"
    MINOR = "minor"  # self-limited or minor problem
    ACUTE = "acute"  # acute, uncomplicated illness
    INJURY = "injury"  # acute, uncomplicated injury
    SYSTEMIC = "systemic"  # acute illness with systemic symptoms
    CHRONIC = "chronic"
    PREVENTIVE = "preventive"
    HISTORY = "history"  # status or past history, not a problem addressed


# Symptoms a diagnosis in the group accounts for; coded symptoms of a coded diagnosis are
# reported inactive (ICD-10-CM guideline I.B.5: signs routinely associated with a disease).
_GROUP_CODES = {
    "resp": (
        "R05.9 R50.9 R06.02 R06.2 R09.81 J34.89 R68.83 R53.83 M79.10 R51.9 J02.9 R06.00 "
        "R09.02 R07.89 R07.1 R09.82 R04.2 R53.81"
    ),
    "ent": "R09.81 J34.89 J02.9 H92.09 R50.9 R51.9 R05.9 R68.83 R49.0 R59.0 R09.82 R13.10 R42",
    "gi": (
        "R11.0 R11.10 R11.2 R19.7 R10.9 R50.9 K30 R12 K59.00 R53.83 R68.83 R14.0 R10.13 "
        "R10.11 R10.10 R10.30 R10.84 R63.0 R13.10 R16.0 R17"
    ),
    "uro": (
        "R30.0 R35.0 R10.9 R50.9 R68.83 R31.9 R31.0 R39.15 R35.1 R39.11 R39.198 M54.9 M54.50 "
        "R11.0 R11.10 R11.2 R10.30 R10.20 R10.24 R10.A0 R10.A1 R10.A2 R10.A3"
    ),
    "cardiac": (
        "R06.02 R07.9 R00.2 R60.0 R22.40 R22.41 R22.42 R22.43 R53.83 R42 R55 R01.1 R03.0 "
        "R00.0 R00.1 R06.00 R07.89 I95.9 R94.31"
    ),
    "htn": "R03.0",
    "metabolic": "R53.83 R63.4 R63.5 R73.9 R73.09 R63.1 R35.89 R53.1",
    "mood": "R53.83 R00.2 G47.00 G47.09 R45.0 R45.4 R63.0 R41.3",
    "neuro": "R51.9 R42 R11.0 R11.10 R11.2 R20.2 R20.0 R20.9 R25.1 R41.3 R26.81 R26.89 R53.1",
    "msk": (
        "M54.50 M54.9 M54.2 M25.561 M25.562 M25.569 M25.511 M25.512 M25.519 M25.529 M25.579 "
        "M25.559 M25.539 M79.643 M79.673 M79.606 M79.603 M25.50 M79.10 R60.0 M25.469 M25.461 "
        "M25.40 M25.60 M62.838 M62.830 R20.2 R20.0 M79.646 M79.669 M79.659 M54.6 M79.676 "
        "M79.629 M79.609 M79.18 M62.81 R26.89 R26.2"
    ),
    "skin": "R21 L29.9 R50.9 L85.3 M79.89",
}
SYMPTOM_GROUPS = {name: frozenset(codes.split()) for name, codes in _GROUP_CODES.items()}


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    code: str
    category: Category
    explains: frozenset[str]  # symptom codes this condition accounts for
    phrases: tuple[str, ...]

    @property
    def is_symptom(self) -> bool:
        return self.category is Category.SYMPTOM


def parse(text: str) -> tuple[LexiconEntry, ...]:
    entries: list[LexiconEntry] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, category, group, phrases = line.split("\t")
        entries.append(
            LexiconEntry(
                code=code.strip(),
                category=Category(category.strip()),
                explains=SYMPTOM_GROUPS.get(group.strip(), frozenset()),
                phrases=tuple(p.strip() for p in phrases.split(";") if p.strip()),
            )
        )
    return tuple(entries)


@cache
def lexicon() -> tuple[LexiconEntry, ...]:
    return parse(files(__package__).joinpath("lexicon.tsv").read_text(encoding="utf-8"))
