"""Diabetes combination codes (ICD-10-CM guideline I.A.15, "with"; I.C.4.a).

The classification presumes a link between diabetes and the conditions its index lists under
"with": a diabetic patient's chronic kidney disease is E11.22 plus the N18 stage, their
polyneuropathy E11.42, their hyperglycemia E11.65. A coder reports the combination code for
the type documented (type 2 when none is, guideline I.C.4.a.2) instead of the two apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from murmur.coding.domain import CodeSuggestion
from murmur.engines.coding.code_set import Icd10Cm
from murmur.engines.coding.coded import (
    MAX_SOURCES,
    Coded,
    inactive,
    is_vague,
    recoded,
    similar_codes,
)
from murmur.engines.coding.sides import stated_side

DIABETES = ("E10", "E11", "E13")


@dataclass(frozen=True, slots=True)
class Complication:
    trigger: tuple[str, ...]  # code prefixes of the condition as coded on its own
    suffix: str  # the combination code is the diabetes category plus this
    replaces: bool  # the condition's own code goes (else it is reported as well)
    name: str


COMPLICATIONS = (
    Complication(("R73.9",), ".65", True, "hyperglycemia"),
    Complication(("N18",), ".22", False, "chronic kidney disease"),
    Complication(("G62.9", "G60.9", "G62.8"), ".42", True, "polyneuropathy"),
    Complication(("G58.9", "G59"), ".40", True, "neuropathy"),
    Complication(("K31.84",), ".43", False, "gastroparesis"),
    Complication(("I73.9",), ".51", True, "peripheral angiopathy"),
    Complication(("E16.2",), ".649", True, "hypoglycemia"),
    Complication(("H35.00",), ".319", True, "retinopathy"),
)


@dataclass(frozen=True, slots=True)
class Combination:
    code: str
    diabetes: CodeSuggestion
    condition: CodeSuggestion
    replaces_condition: bool
    name: str


def diabetes_type(suggestions: Sequence[CodeSuggestion]) -> str | None:
    """The category of the patient's diabetes: active codes first, and a stated type 1 (or
    other type) over the type 2 the lexicon gives diabetic complications by default."""
    found = [s for s in suggestions if s.code[:3] in DIABETES]
    if not found:
        return None
    ranked = sorted(found, key=lambda s: (not s.active, s.code[:3] == "E11", -s.confidence))
    return ranked[0].code[:3]


def combinations(suggestions: Sequence[CodeSuggestion]) -> list[Combination]:
    """Combination codes owed for active conditions of a patient documented with diabetes."""
    category = diabetes_type(suggestions)
    if category is None:
        return []
    diabetes = next(
        s for s in sorted(suggestions, key=lambda s: not s.active) if s.code[:3] == category
    )
    active = {s.code for s in suggestions if s.active}
    found: list[Combination] = []
    for complication in COMPLICATIONS:
        code = category + complication.suffix
        condition = next(
            (
                s
                for s in suggestions
                if s.active and s.code.startswith(complication.trigger) and code not in active
            ),
            None,
        )
        if condition is not None:
            found.append(
                Combination(code, diabetes, condition, complication.replaces, complication.name)
            )
    return found


def retyped(code: str, category: str) -> str:
    """A diabetic complication the lexicon codes as type 2 ("diabetic neuropathy" E11.40), for a
    patient whose diabetes is documented as another type: the same complication of that type."""
    return category + code[3:] if code[:3] in DIABETES and code[:3] != category else code


def _combined_suggestion(
    combination: Combination, known_code: str, description: str, codes: Icd10Cm
) -> CodeSuggestion:
    diabetes, condition = combination.diabetes, combination.condition
    reason = (
        f"Diabetes ({diabetes.code}) with {combination.name} ({condition.code}): coded as "
        f"{description} (ICD-10-CM guideline I.A.15, the link is presumed)"
    )
    return replace(
        condition,
        code=known_code,
        description=description,
        reason=reason,
        confidence=min(condition.confidence, max(diabetes.confidence, 0.75)),
        source_sentences=(*condition.source_sentences, *diabetes.source_sentences)[:MAX_SOURCES],
        references=condition.references + diabetes.references,
        similar=similar_codes(known_code, codes),
    )


def with_complications(coded: list[Coded], codes: Icd10Cm) -> list[Coded]:
    """Adds the combination codes owed; the vague diabetes code and, where the combination
    says it all, the condition's own code stay listed, inactive."""
    result = list(coded)
    for combination in combinations([c.suggestion for c in coded]):
        known = codes.lookup(combination.code)
        if known is None:
            continue
        owner = next(c for c in result if c.suggestion is combination.condition)
        suggestion = _combined_suggestion(combination, known.code, known.description, codes)
        result = [
            inactive(c, f"{c.suggestion.reason}; {known.code} is the combination code")
            if c.suggestion.active
            and (
                (c.suggestion is combination.condition and combination.replaces_condition)
                or (c.suggestion.code[:3] in DIABETES and is_vague(c.suggestion.description))
            )
            else c
            for c in result
        ]
        result.append(Coded(suggestion, None, owner.origin, owner.addressed))
    return result


_HEEL = re.compile(r"\b(?:heel|midfoot)\b", re.IGNORECASE)
_SIDE_DIGIT = {"right": "1", "left": "2"}


def _ulcer_site(diabetic_ulcer: Coded, codes: Icd10Cm) -> Coded | None:
    """E11.621 asks for the ulcer's site and severity as well (L97.4-, L97.5-): the foot
    ("other part of foot") or the heel, on the stated side, severity unspecified."""
    suggestion = diabetic_ulcer.suggestion
    text = " ".join(suggestion.source_sentences[:1])
    side = stated_side(suggestion.entity, text) if suggestion.entity else None
    site = "L97.4" if _HEEL.search(text) else "L97.5"
    known = codes.lookup(f"{site}{_SIDE_DIGIT.get(side or '', '0')}9")
    if known is None:
        return None
    reason = (
        f"{suggestion.code} is reported with the ulcer's site and severity: "
        f"{known.description.lower()}"
    )
    site_suggestion = recoded(suggestion, known, codes, reason=reason)
    return Coded(site_suggestion, None, diabetic_ulcer.origin, diabetic_ulcer.addressed)


_FOOT_ULCER = {"E10": "E10.621", "E11": "E11.621", "E13": "E13.621"}


def foot_ulcer(coded: list[Coded], codes: Icd10Cm) -> list[Coded]:
    """Diabetes and a foot ulcer are coded together as diabetes with foot ulcer plus the ulcer's
    site code (ICD-10-CM guideline I.A.15, "with": the link is presumed)."""
    active = [c for c in coded if c.suggestion.active]
    ulcer = next((c for c in active if c.suggestion.code.startswith(("L97.4", "L97.5"))), None)
    diabetes = next((c for c in active if c.suggestion.code[:3] in _FOOT_ULCER), None)
    combined_code = _FOOT_ULCER.get(diabetes.suggestion.code[:3], "") if diabetes else ""
    if diabetes is not None and ulcer is None and combined_code == diabetes.suggestion.code:
        site = _ulcer_site(diabetes, codes)
        return coded if site is None else [*coded, site]
    if ulcer is None or diabetes is None:
        return coded
    combined = codes.lookup(combined_code)
    if combined is None or combined.code in {c.suggestion.code for c in active}:
        return coded
    reason = (
        f"Diabetes ({diabetes.suggestion.code}) with a foot ulcer ({ulcer.suggestion.code}): "
        "coded as diabetes with foot ulcer (ICD-10-CM guideline I.A.15)"
    )
    suggestion = replace(
        recoded(
            diabetes.suggestion,
            combined,
            codes,
            reason=reason,
            source_sentences=(
                *diabetes.suggestion.source_sentences,
                *ulcer.suggestion.source_sentences,
            )[:MAX_SOURCES],
        ),
        references=diabetes.suggestion.references + ulcer.suggestion.references,
    )
    result = [
        inactive(c, f"{c.suggestion.reason}; {combined.code} is more specific")
        if c is diabetes and is_vague(c.suggestion.description)
        else c
        for c in coded
    ]
    return [*result, Coded(suggestion, None, diabetes.origin, diabetes.addressed)]
