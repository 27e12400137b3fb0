"""Drug names: each generic name with the brand and lay names that say the same drug
(drugs.tsv, which the fact extractor reads too)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DRUGS_TSV = Path(__file__).with_name("drugs.tsv")


@cache
def _names_by_generic() -> dict[str, frozenset[str]]:
    names: dict[str, frozenset[str]] = {}
    for line in DRUGS_TSV.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        generic, _, others = line.partition("\t")
        forms = {form.strip().lower() for form in [generic, *others.split(",")] if form.strip()}
        names[generic.strip().lower()] = frozenset(forms)
    return names


def names_for(drug: str) -> frozenset[str]:
    """Every name of ``drug`` (generic, brand or lay; lower case), itself included."""
    drug = drug.strip().lower()
    for forms in _names_by_generic().values():
        if drug in forms:
            return forms
    return frozenset({drug})
