"""Combination codes beyond hypertension and diabetes: one code the classification provides
for two conditions found together (guideline I.B.9), or a code it asks to add beside them.

Gallstones with cholecystitis are K80.- ("Calculus of gallbladder with ... cholecystitis");
COPD with a lower respiratory infection adds J44.0, the infection still coded (the tabular
list's "code also"), and an exacerbation keeps J44.1 beside it. Pneumonia or sepsis with a
named organism is the organism's own code (MRSA pneumonia J15.212).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from murmur.engines.coding.code_set import Icd10Cm
from murmur.engines.coding.coded import MAX_SOURCES, Coded, inactive, recoded

_LOWER_RESPIRATORY_INFECTION = ("J12", "J13", "J14", "J15", "J16", "J18", "J20", "J21", "J22")


@dataclass(frozen=True, slots=True)
class Combination:
    first: tuple[str, ...]  # code prefixes: one of each group must be active
    second: tuple[str, ...]
    code: str
    replaces_first: bool = True
    replaces_second: bool = True


COMBINATIONS = (
    # Calculus of gallbladder (K80.20) with acute, chronic or unspecified cholecystitis.
    Combination(("K80.20",), ("K81.0",), "K80.00"),
    Combination(("K80.20",), ("K81.2",), "K80.12"),
    Combination(("K80.20",), ("K81.1", "K81.9"), "K80.10"),
    # Calculus of bile duct (K80.50) with cholecystitis; with gallbladder calculus.
    Combination(("K80.50",), ("K81.0",), "K80.42"),
    Combination(("K80.50",), ("K81.1",), "K80.44"),
    Combination(("K80.50",), ("K81.9",), "K80.40"),
    Combination(("K80.50",), ("K80.20",), "K80.70"),
    # Pneumonia or sepsis with its organism named is the organism's own code, not the
    # unspecified one plus the B95-B96 organism code (which is for conditions elsewhere).
    Combination(("B95.62",), ("J18",), "J15.212"),
    Combination(("B95.61",), ("J18",), "J15.211"),
    Combination(("B96.20",), ("J18",), "J15.5"),
    Combination(("B95.0",), ("J18",), "J15.4"),
    Combination(("B95.62",), ("A41.9",), "A41.02"),
    Combination(("B96.20",), ("A41.9",), "A41.51"),
    # Nausea with vomiting is one code (R11.2), not nausea and vomiting apart.
    Combination(("R11.0",), ("R11.10",), "R11.2"),
    # COPD with a lower respiratory infection: J44.0 and the infection; J44.9 is replaced.
    Combination(("J44.9",), _LOWER_RESPIRATORY_INFECTION, "J44.0", replaces_second=False),
    Combination(
        ("J44.1",),
        _LOWER_RESPIRATORY_INFECTION,
        "J44.0",
        replaces_first=False,
        replaces_second=False,
    ),
)


def _find(coded: list[Coded], prefixes: tuple[str, ...]) -> Coded | None:
    return next(
        (c for c in coded if c.suggestion.active and c.suggestion.code.startswith(prefixes)), None
    )


# Codes a coded combination already states: nausea (R11.0 is "nausea without vomiting") or
# vomiting beside "nausea with vomiting".
_PART_OF = {"R11.0": "R11.2", "R11.10": "R11.2"}


def _parts_of_combinations(coded: list[Coded]) -> list[Coded]:
    active = {c.suggestion.code for c in coded if c.suggestion.active}
    return [
        inactive(c, f"{c.suggestion.reason}; {whole} states it")
        if c.suggestion.active and (whole := _PART_OF.get(c.suggestion.code)) in active
        else c
        for c in coded
    ]


def combination_codes(coded: list[Coded], codes: Icd10Cm) -> list[Coded]:
    coded = _parts_of_combinations(coded)
    for rule in COMBINATIONS:
        first, second = _find(coded, rule.first), _find(coded, rule.second)
        known = codes.lookup(rule.code)
        if first is None or second is None or known is None:
            continue
        if any(c.suggestion.active and c.suggestion.code == known.code for c in coded):
            continue
        pair = f"{first.suggestion.code} with {second.suggestion.code}"
        replaced = {
            item.suggestion.code
            for item, replaces in ((first, rule.replaces_first), (second, rule.replaces_second))
            if replaces
        }
        coded = [
            inactive(c, f"{c.suggestion.reason}; coded with the combination code {known.code}")
            if c.suggestion.active and c.suggestion.code in replaced
            else c
            for c in coded
        ]
        reason = f"{first.suggestion.reason}; {pair} is coded {known.code} (combination code)"
        sentences = first.suggestion.source_sentences + second.suggestion.source_sentences
        suggestion = replace(
            recoded(
                first.suggestion,
                known,
                codes,
                reason=reason,
                source_sentences=tuple(dict.fromkeys(sentences))[:MAX_SOURCES],
            ),
            active=True,
        )
        coded = [*coded, Coded(suggestion, None, first.origin, addressed=True)]
    return coded
