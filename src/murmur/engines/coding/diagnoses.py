"""ICD-10-CM suggestions: lexicon matches and assessment problems, negation-aware.

The order of work follows a coder's: find every condition mentioned, keep those asserted for
this patient now, prefer what the assessment and plan address, apply the classification's
combination rules, then keep the most specific code and list the rest as inactive.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from murmur.coding.domain import CodeSuggestion, CodeSystem, Reference, SimilarCode
from murmur.engines.coding.combinations import hypertension_combination
from murmur.engines.coding.icd10cm import Icd10Cm, Icd10Code
from murmur.engines.coding.lexicon import Category, LexiconEntry, lexicon
from murmur.engines.coding.matching import Mention, find_mentions
from murmur.engines.coding.problems import problem_codes
from murmur.engines.coding.sources import CONFIDENCE, LABEL, Origin, Source

MAX_SOURCES = 3
MAX_REFERENCES = 6
CORROBORATION_BONUS = 0.05
UNCERTAIN_FACTOR = 0.5
_ACUTE = frozenset({Category.MINOR, Category.ACUTE, Category.INJURY, Category.SYSTEMIC})
_ADDRESSED = frozenset({Origin.ASSESSMENT, Origin.PLAN})
_ORIGIN_ORDER = list(Origin)
# ICD-10-CM index: diabetes "uncontrolled", "out of control" or "poorly controlled" is coded
# by type with hyperglycemia; so is diabetes documented with high or elevated blood sugar.
_HYPERGLYCEMIA = re.compile(
    r"uncontrolled|out of control|poorly controlled|hyperglycemi|"
    r"(?:sugars?|glucose)(?: levels?)?(?: \w+){0,4} (?:elevated|high|running high)|"
    r"(?:elevated|high) (?:blood )?(?:sugars?|glucose)",
    re.IGNORECASE,
)
_NEGATED_BEFORE = re.compile(r"\b(?:no|not|never|without|denies)\b(?:\W+\w+){0,4}\W*$", re.I)
_REFINEMENTS = {"E11.9": (_HYPERGLYCEMIA, "E11.65")}


@dataclass(frozen=True, slots=True)
class Coded:
    """An ICD-10-CM suggestion with the lexicon entry behind it (None: found in the code set)."""

    suggestion: CodeSuggestion
    entry: LexiconEntry | None
    origin: Origin = Origin.ASSESSMENT
    addressed: bool = False  # named in the assessment or plan, not only as past history

    @property
    def is_diagnosis(self) -> bool:
        return self.entry is None or not self.entry.is_symptom


def entity_text(phrase: str, text: str) -> str:
    """The words of the sentence that named the condition ("Knees hurt" keeps "Knees")."""
    words = [re.escape(word) for word in re.findall(r"[a-z0-9]+", phrase.lower())]
    if not words:
        return phrase
    pattern = r"\b" + r"[\s,/-]+(?:(?:my|his|her|the|their|your)\s+)?".join(
        f"{word}(?:e?s)?" for word in words
    )
    match = re.search(pattern + r"\b", text, re.IGNORECASE)
    return match.group(0) if match else phrase


def references(sources: list[Source]) -> tuple[Reference, ...]:
    """Each distinct sentence once, note before transcript."""
    unique = {(s.document, s.start): s for s in sources}.values()
    ordered = sorted(unique, key=lambda s: (s.document != "note", s.start))
    return tuple(
        Reference(str(s.document), s.text, s.start, s.end) for s in ordered[:MAX_REFERENCES]
    )


def similar_codes(code: str, codes: Icd10Cm) -> tuple[SimilarCode, ...]:
    return tuple(SimilarCode(c.code, c.description) for c in codes.similar(code))


def _block_texts(sources: list[Source]) -> dict[int, str]:
    blocks: dict[int, list[str]] = defaultdict(list)
    for source in sources:
        if source.block >= 0:
            blocks[source.block].append(source.text)
    return {block: " ".join(texts) for block, texts in blocks.items()}


def _states(pattern: re.Pattern[str], context: str) -> bool:
    """The pattern occurs and is not negated ("has not had any elevated glucose readings")."""
    return any(
        not _NEGATED_BEFORE.search(context[: match.start()]) for match in pattern.finditer(context)
    )


def _refined(mention: Mention, context: str) -> Mention:
    refinement = _REFINEMENTS.get(mention.entry.code)
    if refinement is None or not _states(refinement[0], context):
        return mention
    entry = next(e for e in lexicon() if e.code == refinement[1])
    return replace(mention, entry=entry)


def _hits(sources: list[Source]) -> dict[str, list[tuple[Source, Mention]]]:
    blocks = _block_texts(sources)
    hits: dict[str, list[tuple[Source, Mention]]] = defaultdict(list)
    for source in sources:
        context = blocks.get(source.block, source.text)
        for found in find_mentions(source.text):
            mention = _refined(found, context if source.heading else source.text)
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
        entity=entity_text(best_mention.phrase, best_source.text),
        references=references([source for source, _ in ranked]),
        similar=similar_codes(known.code, codes),
    )
    # "History of gout." as a problem heading is still a problem the plan addresses.
    addressed = any(
        s.origin in _ADDRESSED and (s.heading or not m.past_history) for s, m in certain
    )
    return Coded(suggestion, best_mention.entry, best_source.origin, addressed)


def _inactive(item: Coded, reason: str) -> Coded:
    suggestion = replace(item.suggestion, active=False, reason=reason)
    return Coded(suggestion, item.entry, item.origin, item.addressed)


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


def _assessment_first(coded: list[Coded]) -> list[Coded]:
    """When the assessment and plan name problems, those are what the visit is coded for;
    conditions only in the history, review of systems or conversation stay listed, inactive."""
    addressed = {c.suggestion.code[:3] for c in coded if c.addressed and c.suggestion.active}
    if not addressed:
        return coded
    # Words elsewhere may still refine an addressed problem ("your diabetes is uncontrolled").
    return [
        c
        if c.addressed or not c.suggestion.active or c.suggestion.code[:3] in addressed
        else _inactive(c, f"{c.suggestion.reason}; not addressed in the assessment or plan")
        for c in coded
    ]


def _from_problems(coded: list[Coded], sources: list[Source], codes: Icd10Cm) -> list[Coded]:
    """Adds the assessment's problems the lexicon missed or coded vaguely."""
    taken = {c.suggestion.code for c in coded}
    found: list[Coded] = []
    for problem in problem_codes(sources, codes, taken):
        if problem.active and problem.replaces:
            coded = [
                _inactive(c, f"{c.suggestion.reason}; the assessment supports {problem.code.code}")
                if c.suggestion.active and c.suggestion.code in problem.replaces
                else c
                for c in coded
            ]
        suggestion = CodeSuggestion(
            system=CodeSystem.ICD10CM,
            code=problem.code.code,
            description=problem.code.description,
            confidence=problem.confidence,
            reason=problem.reason,
            source_sentences=(problem.source.text,),
            active=problem.active,
            entity=problem.entity,
            references=references([problem.source]),
            similar=similar_codes(problem.code.code, codes),
        )
        taken.add(problem.code.code)
        found.append(Coded(suggestion, None, problem.source.origin, problem.active))
    return coded + found


def _yields(code: str, confidence: float, other_confidence: float) -> bool:
    """Of two codes that exclude each other, the weaker goes; a tie goes against a personal
    history code (Z85-Z87): the current condition is what was addressed."""
    return other_confidence > confidence or (
        other_confidence == confidence and code.startswith(("Z85", "Z86", "Z87"))
    )


def _excluded(coded: list[Coded], codes: Icd10Cm) -> list[Coded]:
    """A code whose Excludes1 note names another active code is not reported with it; when
    each excludes the other, the better supported one stays."""
    active = {c.suggestion.code: c.suggestion.confidence for c in coded if c.suggestion.active}
    result: list[Coded] = []
    for item in coded:
        code, confidence = item.suggestion.code, item.suggestion.confidence
        clash = next(
            (
                other
                for other, other_confidence in active.items()
                if other != code
                and codes.excludes(code, other)
                and (not codes.excludes(other, code) or _yields(code, confidence, other_confidence))
            ),
            None,
        )
        if clash is not None and item.suggestion.active:
            reason = f"{item.suggestion.reason}; excluded with {clash} (Excludes1)"
            result.append(_inactive(item, reason))
        else:
            result.append(item)
    return result


def _combined(coded: list[Coded], codes: Icd10Cm) -> list[Coded]:
    replacement = hypertension_combination([c.suggestion for c in coded])
    known = codes.lookup(replacement) if replacement else None
    if known is None:
        return coded
    result: list[Coded] = []
    for item in coded:
        if item.suggestion.active and item.suggestion.code == "I10":
            reason = (
                f"{item.suggestion.reason}; with the heart or kidney disease also coded, "
                f"hypertension is reported as {known.code} (ICD-10-CM guideline I.C.9.a)"
            )
            suggestion = replace(
                item.suggestion,
                code=known.code,
                description=known.description,
                reason=reason,
                similar=similar_codes(known.code, codes),
            )
            result.append(replace(item, suggestion=suggestion))
        else:
            result.append(item)
    return result


def icd10_suggestions(sources: list[Source], codes: Icd10Cm) -> list[Coded]:
    """Active codes first, then by where they were found and how confidently."""
    coded = [c for code, hits in _hits(sources).items() if (c := _suggest(code, hits, codes))]
    coded = _from_problems(coded, sources, codes)
    coded = _most_specific(_assessment_first(_explained(coded)))
    coded = _excluded(coded, codes)
    coded = _combined(coded, codes)
    return sorted(coded, key=lambda c: (not c.suggestion.active, -c.suggestion.confidence))
