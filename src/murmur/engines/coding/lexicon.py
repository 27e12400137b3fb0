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
    "resp": "R05.9 R50.9 R06.02 R06.2 R09.81 J34.89 R68.83 R53.83 M79.10 R51.9 J02.9",
    "ent": "R09.81 J34.89 J02.9 H92.09 R50.9 R51.9 R05.9 R68.83",
    "gi": "R11.0 R11.10 R11.2 R19.7 R10.9 R50.9 K30 R12 K59.00 R53.83 R68.83",
    "uro": "R30.0 R35.0 R10.9 R50.9 R68.83",
    "cardiac": "R06.02 R07.9 R00.2 R60.0 R53.83 R42 R55 R01.1 R03.0",
    "htn": "R03.0",
    "metabolic": "R53.83 R63.4 R63.5",
    "mood": "R53.83 R00.2",
    "neuro": "R51.9 R42 R11.0 R11.10 R11.2",
    "msk": (
        "M54.50 M54.9 M54.2 M25.561 M25.562 M25.569 M25.511 M25.512 M25.519 M25.529 M25.579 "
        "M25.559 M25.539 M79.643 M79.673 M79.606 M79.603 M25.50 M79.10 R60.0"
    ),
    "skin": "R21 L29.9 R50.9",
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
