"""Allergies, and the conditions of the patient's relatives (never the patient's own)."""

from __future__ import annotations

import re

from murmur.engines.facts.said import Said
from murmur.engines.facts.vocabulary import (
    CONDITION_RE,
    RELATIVE_RE,
    condition_named,
    drug_names,
    drug_pattern,
    relative_named,
)
from murmur.facts.domain import Allergy, Assertion, FamilyHistory
from murmur.language.assertion import Modifier

_ALLERGIC_TO = re.compile(
    r"\b(?:allergic|allergy|allergies|reaction) to (?P<s>[a-z][\w-]*(?: [\w-]+)?)"
)
_ALLERGY_OF = re.compile(r"\b(?P<s>[a-z][\w-]*) allerg(?:y|ies)\b")
_NO_ALLERGIES = re.compile(
    r"\b(?:no|not any|don't have any|do not have any|nkda|denies)\b[^.?!]{0,30}\ballerg"
)
_ALLERGY_QUESTION = re.compile(r"\ballerg\w*")
_DENIAL = re.compile(r"^(?:\W*(?:uh|um|er)\W+)*(?:no|nope|none|not that i know|nothing|nah)\b")
_NOT_SUBSTANCES = frozenset(
    {"any", "no", "known", "drug", "medication", "medications", "food", "seasonal", "an", "the",
     "some", "anything", "that", "it", "this", "my", "your", "have", "severe", "an allergy"}
)  # fmt: skip
_FAMILY = re.compile(r"\bfamily\b|\bruns in\b")
_FAMILY_QUESTION = re.compile(r"\b(?:family|relatives?|anyone in)\b")


def _substance(name: str) -> str:
    name = name.strip()
    drug = drug_pattern().match(name)
    if drug is not None:
        return drug_names()[drug.group(0)]
    return name.split()[0] if name.split()[0].endswith(("cillin", "s")) else name


def _allergies(sentences: list[Said]) -> list[Allergy]:
    found: list[Allergy] = []
    for position, said in enumerate(sentences):
        if "allerg" not in said.text:
            continue
        asked = said.asked
        if asked:
            answer = next((s for s in sentences[position + 1 : position + 3]
                           if s.speaker is not said.speaker), None)  # fmt: skip
            if answer is not None and _DENIAL.search(answer.text):
                word = _ALLERGY_QUESTION.search(said.text)
                assert word is not None
                found.append(
                    Allergy(
                        substance="none",
                        assertion=Assertion.ABSENT,
                        speaker=said.speaker,
                        confidence=0.7,
                        evidence=said.evidence(*word.span()) + answer.evidence(0, len(answer.text)),
                    )
                )
            continue
        if match := _NO_ALLERGIES.search(said.text):
            found.append(
                Allergy(
                    substance="none",
                    assertion=Assertion.ABSENT,
                    speaker=said.speaker,
                    confidence=0.8,
                    evidence=said.evidence(*match.span()),
                )
            )
            continue
        for pattern in (_ALLERGIC_TO, _ALLERGY_OF):
            for match in pattern.finditer(said.text):
                substance = _substance(match["s"])
                if substance in _NOT_SUBSTANCES or substance.split()[0] in _NOT_SUBSTANCES:
                    continue
                found.append(
                    Allergy(
                        substance=substance,
                        assertion=said.assertion(*match.span("s")),
                        speaker=said.speaker,
                        confidence=0.8,
                        evidence=said.evidence(*match.span()),
                    )
                )
    return found


def _family(sentences: list[Said]) -> list[FamilyHistory]:
    found: list[FamilyHistory] = []
    for position, said in enumerate(sentences):
        relatives = list(RELATIVE_RE.finditer(said.text))
        family_talk = bool(_FAMILY.search(said.text))
        if not relatives and not family_talk:
            continue
        for match in CONDITION_RE.finditer(said.text):
            start, end = match.span()
            earlier = [r for r in relatives if r.end() <= start]
            relative = earlier[-1] if earlier else (relatives[0] if relatives else None)
            found_in = said.modifiers(start, end)
            assertion = Assertion.ABSENT if Modifier.NEGATED in found_in else Assertion.PRESENT
            if said.asked:
                answer = sentences[position + 1] if position + 1 < len(sentences) else None
                if answer is None or answer.speaker is said.speaker:
                    continue
                if _DENIAL.search(answer.text):
                    assertion = Assertion.ABSENT
            span_start = min(start, relative.start()) if relative else start
            span_end = max(end, relative.end()) if relative else end
            found.append(
                FamilyHistory(
                    relative=relative_named(relative.group(0)) if relative else "family",
                    condition=condition_named(match),
                    assertion=assertion,
                    speaker=said.speaker,
                    confidence=0.7,
                    evidence=said.evidence(span_start, span_end),
                )
            )
    return found


def histories(sentences: list[Said]) -> list[Allergy | FamilyHistory]:
    return [*_allergies(sentences), *_family(sentences)]
