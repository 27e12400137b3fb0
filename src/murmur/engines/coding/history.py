"""A past condition listed as a problem of its own ("4. History of hepatitis C.") is coded by
its personal-history Z code when the condition is not current: the tabular list's "Personal
history of ..." codes (Z85-Z87, I25.2) by the chapter of the condition's own code.

A chronic condition the patient still has ("History of gout." with its treatment) stays coded
as current; so does one the plan discusses under the heading.
"""

from __future__ import annotations

import re

from murmur.coding.domain import CodeSuggestion, CodeSystem
from murmur.engines.coding.code_set import Icd10Cm
from murmur.engines.coding.coded import Coded, inactive, references, similar_codes
from murmur.engines.coding.lexicon import Category
from murmur.engines.coding.sources import Origin, Source

_HISTORY_OF = re.compile(
    r"^(?:(?:a |personal |past |remote |prior )?history of|h/o)\s+(?P<condition>.+?)\.?$",
    re.IGNORECASE,
)
# Most specific first: (code prefixes, personal history code).
_PERSONAL_HISTORY: tuple[tuple[tuple[str, ...], str], ...] = (
    (("A15", "A16", "A17", "A18", "A19"), "Z86.11"),
    (("U07.1",), "Z86.16"),
    (("A", "B"), "Z86.19"),
    (("C",), "Z85.9"),
    (("D1", "D2", "D3"), "Z86.018"),
    (("D5", "D6", "D7", "D8"), "Z86.2"),
    (("E",), "Z86.39"),
    (("F17",), "Z87.891"),
    (("F",), "Z86.59"),
    (("G45", "I63", "I64"), "Z86.73"),
    (("G", "H"), "Z86.69"),
    (("I21", "I22"), "I25.2"),
    (("I26",), "Z86.711"),
    (("I80", "I81", "I82"), "Z86.718"),
    (("I",), "Z86.79"),
    (("J12", "J13", "J14", "J15", "J16", "J17", "J18"), "Z87.01"),
    (("J",), "Z87.09"),
    (("K25", "K26", "K27", "K28"), "Z87.11"),
    (("K",), "Z87.19"),
    (("L",), "Z87.2"),
    (("M",), "Z87.39"),
    (("N20", "N21", "N22"), "Z87.442"),
    (("N30", "N39.0"), "Z87.440"),
    (("N4", "N5"), "Z87.438"),
    (("N7", "N8", "N9"), "Z87.42"),
    (("N",), "Z87.448"),
    (("O",), "Z87.59"),
    (("Q",), "Z87.798"),
    (("S", "T"), "Z87.828"),
)
# Conditions that do not become history: diabetes, HIV, chronic hepatitis B; a symptom (R) with
# a "history" is one the patient has had for a while.
_LIFELONG = ("E08", "E09", "E10", "E11", "E13", "B20", "B18.1", "Z")


def personal_history_code(code: str) -> str | None:
    """The personal-history code for a condition's code; None when it has none here."""
    if code.startswith(_LIFELONG):
        return None
    if code.startswith("S") and code[:3] in _FRACTURES:
        return "Z87.81"
    return next((z for prefixes, z in _PERSONAL_HISTORY if code.startswith(prefixes)), None)


# Injury categories that are fractures ("S42 Fracture of shoulder and upper arm" and so on).
_FRACTURES = frozenset(["S02", "S12", "S22", "S32", "S42", "S52", "S62", "S72", "S82", "S92"])


def _current(item: Coded) -> bool:
    """A chronic condition the patient lives with (not an infection that was treated)."""
    entry = item.entry
    code = item.suggestion.code
    return entry is not None and entry.category is Category.CHRONIC and code[:1] not in "AB"


def _lone_headings(sources: list[Source]) -> list[tuple[Source, str]]:
    per_block: dict[int, int] = {}
    for source in sources:
        per_block[source.block] = per_block.get(source.block, 0) + 1
    return [
        (source, match["condition"])
        for source in sources
        if source.origin is Origin.ASSESSMENT
        and source.heading
        and per_block.get(source.block) == 1
        and (match := _HISTORY_OF.match(source.text.strip()))
    ]


def past_problems(coded: list[Coded], sources: list[Source], codes: Icd10Cm) -> list[Coded]:
    for source, condition in _lone_headings(sources):
        here = [
            c
            for c in coded
            if c.suggestion.active and c.suggestion.source_sentences[:1] == (source.text,)
        ]
        # Already a status or history code ("History of tubal ligation"), or still current.
        named = [c for c in here if not c.suggestion.code.startswith(("Z", "I25.2"))]
        if len(named) < len(here) or any(_current(c) for c in named):
            continue
        found = [c.suggestion.code for c in named]
        if not found:
            match = codes.matcher.match(condition)
            found = [concept.code for concept in match.concepts] if match else []
        history = next((z for code in found if (z := personal_history_code(code))), None)
        known = codes.lookup(history) if history else None
        if known is None:
            continue
        reason = (
            f"Assessment lists history of {condition}, not current: coded {known.code} "
            "(personal history)"
        )
        coded = [
            inactive(c, f"{c.suggestion.reason}; a past condition, coded {known.code}")
            if c in named
            else c
            for c in coded
        ]
        template = named[0].suggestion if named else None
        suggestion = CodeSuggestion(
            system=CodeSystem.ICD10CM,
            code=known.code,
            description=known.description,
            confidence=template.confidence if template else 0.8,
            reason=reason,
            source_sentences=(source.text,),
            active=True,
            entity=condition,
            references=references([source]),
            similar=similar_codes(known.code, codes),
        )
        coded = [*coded, Coded(suggestion, None, source.origin, addressed=True)]
    return coded
