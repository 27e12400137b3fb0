"""ICD-10-CM suggestions from lexicon matches, negation-aware, assessment first."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from murmur.coding.domain import CodeSuggestion, CodeSystem
from murmur.engines.coding.icd10cm import Icd10Cm, Icd10Code
from murmur.engines.coding.lexicon import Category, LexiconEntry, lexicon
from murmur.engines.coding.matching import Mention, find_mentions
from murmur.engines.coding.sources import CONFIDENCE, LABEL, Origin, Source

MAX_SOURCES = 3
CORROBORATION_BONUS = 0.05
UNCERTAIN_FACTOR = 0.5
DESCRIPTION_MATCH_CONFIDENCE = 0.45
_ACUTE = frozenset({Category.MINOR, Category.ACUTE, Category.INJURY, Category.SYSTEMIC})
_ASSESSED = re.compile(
    r"^assessment(?: consistent with|:)\s+(?P<hedge>likely |possible )?(?P<x>[^.,;]+)", re.I
)
_ORIGIN_ORDER = list(Origin)
# ICD-10-CM index: diabetes "uncontrolled", "out of control" or "poorly controlled" is coded
# by type with hyperglycemia.
_REFINEMENTS = {
    "E11.9": (re.compile(r"uncontrolled|out of control|poorly controlled", re.I), "E11.65"),
}


@dataclass(frozen=True, slots=True)
class Coded:
    """An ICD-10-CM suggestion with the lexicon entry behind it (None: description search)."""

    suggestion: CodeSuggestion
    entry: LexiconEntry | None
    origin: Origin = Origin.ASSESSMENT

    @property
    def is_diagnosis(self) -> bool:
        return self.entry is not None and not self.entry.is_symptom


def _refined(mention: Mention, text: str) -> Mention:
    refinement = _REFINEMENTS.get(mention.entry.code)
    if refinement is None or not refinement[0].search(text):
        return mention
    entry = next(e for e in lexicon() if e.code == refinement[1])
    return replace(mention, entry=entry)


def _hits(sources: list[Source]) -> dict[str, list[tuple[Source, Mention]]]:
    hits: dict[str, list[tuple[Source, Mention]]] = defaultdict(list)
    for source in sources:
        for found in find_mentions(source.text):
            mention = _refined(found, source.text)
            # A past episode of an acute illness is not a problem today.
            if mention.past_history and mention.entry.category in _ACUTE:
                continue
            if mention.asserted:
                hits[mention.entry.code].append((source, mention))
    return hits


def _lateral(known: Icd10Code, phrase: str, text: str, codes: Icd10Cm) -> Icd10Code:
    """Codes "right knee pain" as the right knee when the set has it (laterality counts)."""
    first_word = re.escape(phrase.split(maxsplit=1)[0])
    side = re.search(rf"\b(right|left)\s+(?:\w+\s+)?{first_word}", text, re.IGNORECASE)
    if side is None or "unspecified" not in known.description:
        return known
    sided = known.description.replace("unspecified", side.group(1).lower(), 1)
    return codes.by_description(sided) or known


def _suggest(code: str, found: list[tuple[Source, Mention]], codes: Icd10Cm) -> Coded | None:
    known = codes.lookup(code)
    if known is None:
        return None
    certain = [(s, m) for s, m in found if not m.uncertain]
    ranked = sorted(certain or found, key=lambda hit: _ORIGIN_ORDER.index(hit[0].origin))
    best_source, best_mention = ranked[0]
    known = _lateral(known, best_mention.phrase, best_source.text, codes)
    origins = {source.origin for source, _ in found}
    confidence = CONFIDENCE[best_source.origin]
    if len(origins) > 1:
        confidence += CORROBORATION_BONUS
    reason = f"{LABEL[best_source.origin]} {best_mention.phrase}"
    if not certain:
        # ICD-10-CM outpatient guideline IV.H: do not code "probable"/"suspected"/"rule out".
        confidence *= UNCERTAIN_FACTOR
        reason += "; documented as uncertain, so not coded as confirmed"
    elif origins == {Origin.CONTEXT}:
        reason += "; not discussed in this visit, so listed as inactive"
    elif best_source.origin is not Origin.TRANSCRIPT and Origin.TRANSCRIPT in origins:
        reason += "; also said in the visit"
    texts = list(dict.fromkeys(source.text for source, _ in ranked))[:MAX_SOURCES]
    suggestion = CodeSuggestion(
        system=CodeSystem.ICD10CM,
        code=known.code,
        description=known.description,
        confidence=round(min(confidence, 0.95), 2),
        reason=reason,
        source_sentences=tuple(texts),
        active=bool(certain) and origins != {Origin.CONTEXT},
    )
    return Coded(suggestion, best_mention.entry, best_source.origin)


def _inactive(item: Coded, reason: str) -> Coded:
    return Coded(replace(item.suggestion, active=False, reason=reason), item.entry, item.origin)


def _explainer(item: Coded, diagnoses: list[Coded]) -> Coded | None:
    if item.entry is None or not item.entry.is_symptom:
        return None
    for diagnosis in diagnoses:
        if diagnosis.entry is not None and item.entry.code in diagnosis.entry.explains:
            return diagnosis
    return None


def _explained(coded: list[Coded]) -> list[Coded]:
    """Symptoms of a coded diagnosis stay listed, inactive (guideline I.B.5)."""
    diagnoses = [c for c in coded if c.is_diagnosis and c.suggestion.active]
    result: list[Coded] = []
    for item in coded:
        explainer = _explainer(item, diagnoses)
        if explainer is not None and item.suggestion.active:
            dx = explainer.suggestion
            reason = (
                f"{item.suggestion.reason}; symptom of coded diagnosis {dx.code} ({dx.description})"
            )
            result.append(_inactive(item, reason))
        else:
            result.append(item)
    return result


def _less_specific(item: Coded, others: list[Coded]) -> Coded | None:
    code, description = item.suggestion.code, item.suggestion.description.lower()
    vague = "unspecified" in description or "without complications" in description
    for other in others:
        same_category = other.suggestion.code[:3] == code[:3] and other.suggestion.code != code
        if not (vague and same_category and other.suggestion.active):
            continue
        both_diagnoses = item.is_diagnosis and other.is_diagnosis
        if both_diagnoses or other.suggestion.code[:5] == code[:5]:
            return other
    return None


def _most_specific(coded: list[Coded]) -> list[Coded]:
    result: list[Coded] = []
    for item in coded:
        better = _less_specific(item, coded)
        if better is not None and item.suggestion.active:
            reason = f"{item.suggestion.reason}; {better.suggestion.code} is more specific"
            result.append(_inactive(item, reason))
        else:
            result.append(item)
    return result


def _from_descriptions(sources: list[Source], codes: Icd10Cm, taken: set[str]) -> list[Coded]:
    """Assessment diagnoses outside the lexicon, matched to a code's own description."""
    found: list[Coded] = []
    for source in sources:
        match = _ASSESSED.match(source.text)
        if source.origin is not Origin.ASSESSMENT or match is None or find_mentions(source.text):
            continue
        phrase = match["x"].strip()
        results = codes.search(phrase, limit=1) if 0 < len(phrase.split()) <= 6 else []
        if not results or results[0].code in taken:
            continue
        uncertain = match["hedge"] is not None
        confidence = DESCRIPTION_MATCH_CONFIDENCE * (UNCERTAIN_FACTOR if uncertain else 1.0)
        suggestion = CodeSuggestion(
            system=CodeSystem.ICD10CM,
            code=results[0].code,
            description=results[0].description,
            confidence=round(confidence, 2),
            reason=f"Assessment states {phrase}; matched to the ICD-10-CM description",
            source_sentences=(source.text,),
            active=not uncertain,
        )
        taken.add(results[0].code)
        found.append(Coded(suggestion, None))
    return found


def icd10_suggestions(sources: list[Source], codes: Icd10Cm) -> list[Coded]:
    """Active codes first, then by where they were found and how confidently."""
    coded = [c for code, hits in _hits(sources).items() if (c := _suggest(code, hits, codes))]
    coded += _from_descriptions(sources, codes, {c.suggestion.code for c in coded})
    coded = _most_specific(_explained(coded))
    return sorted(coded, key=lambda c: (not c.suggestion.active, -c.suggestion.confidence))
