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
from murmur.engines.coding.sources import CONFIDENCE, LABEL, Document, Origin, Source

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
    r"uncontrolled|out of control|poorly controlled|inadequately controlled|"
    r"not (?:well )?controlled|suboptimally controlled|hyperglycemi|"
    r"(?:sugars?|glucose)(?: levels?)?(?: \w+){0,4} (?:elevated|high|running high)|"
    r"(?:elevated|high) (?:blood )?(?:sugars?|glucose)",
    re.IGNORECASE,
)
_NEGATED_BEFORE = re.compile(r"\b(?:no|not|never|without|denies)\b(?:\W+\w+){0,4}\W*$", re.I)
_RESULT = re.compile(r"\b(?:demonstrat\w*|show(?:s|ed|n)?|reveal\w*)\b", re.IGNORECASE)
_URETER = re.compile(r"\bureter(?:al|ic)?\b|\bureterovesical\b", re.IGNORECASE)
_REFINEMENTS = {
    "E11.9": (_HYPERGLYCEMIA, "E11.65"),
    "N20.0": (_URETER, "N20.1"),  # a stone in the ureter is calculus of ureter
    # The lateral (talofibular, calcaneofibular) ligaments: "other ligament of ankle".
    "S93.409A": (re.compile(r"\btalofibular|\batfl\b", re.I), "S93.499A"),
}
_NOTE_ONLY_REFINEMENTS = frozenset({"N20.0", "S93.409A"})


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


def _entity_match(phrase: str, text: str) -> re.Match[str] | None:
    words = [re.escape(word) for word in re.findall(r"[a-z0-9]+", phrase.lower())]
    if not words:
        return None
    between = (
        r"[\s,/-]+(?:(?:my|his|her|the|their|your|right|left|bilateral|both)(?:-sided)?\s+){0,2}"
    )
    side = r"(?:(?:right|left|bilateral)[\s-]+)?"
    pattern = r"\b" + side + between.join(f"{word}(?:e?s)?" for word in words)
    return re.search(pattern + r"\b", text, re.IGNORECASE)


def entity_text(phrase: str, text: str) -> str:
    """The words of the sentence that named the condition ("Knees hurt" keeps "Knees")."""
    match = _entity_match(phrase, text)
    return match.group(0) if match else phrase


_SIDE_WORD = re.compile(r"\b(right|left|bilateral|both)\b", re.IGNORECASE)
_SIDE_BEFORE = re.compile(
    r"\b(right|left|bilateral|both)(?:[\s-]+(?:sided?|and (?:right|left)))?"
    r"(?:\s+(?!and\b|or\b)[a-z]+){0,2}\s*$",
    re.IGNORECASE,
)
_SIDE_AFTER = re.compile(
    r"^,?\s*(?:(?:on|of|in|to)\s+)?(?:the\s+)?(right|left|bilateral)(?:\s+[a-z]+)?\s*(?:[.;,)]|$)",
    re.IGNORECASE,
)


def stated_side(phrase: str, text: str) -> str | None:
    """ "Right knee osteoarthritis", "knee pain on the left", "both knees": the side, if any."""
    match = _entity_match(phrase, text)
    if match is None:
        return None
    sides = {w.lower() for w in _SIDE_WORD.findall(match.group(0))}
    before = _SIDE_BEFORE.search(text[: match.start()])
    if before:
        sides |= {w.lower() for w in _SIDE_WORD.findall(before.group(0))}
    after = _SIDE_AFTER.match(text[match.end() :])
    if after:
        sides.add(after.group(1).lower())
    if "bilateral" in sides or "both" in sides or {"right", "left"} <= sides:
        return "bilateral"
    return next(iter(sides), None)


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


def _refined(mention: Mention, context: str, *, in_note: bool) -> Mention:
    refinement = _REFINEMENTS.get(mention.entry.code)
    if refinement is None or (not in_note and mention.entry.code in _NOTE_ONLY_REFINEMENTS):
        return mention
    if not _states(refinement[0], context):
        return mention
    entry = next(e for e in lexicon() if e.code == refinement[1])
    return replace(mention, entry=entry)


def _hits(sources: list[Source]) -> dict[str, list[tuple[Source, Mention]]]:
    blocks = _block_texts(sources)
    hits: dict[str, list[tuple[Source, Mention]]] = defaultdict(list)
    for source in sources:
        context = blocks.get(source.block, source.text)
        for found in find_mentions(source.text):
            in_note = source.document is Document.NOTE
            mention = _refined(found, context if source.heading else source.text, in_note=in_note)
            # A past episode of an acute illness is not a problem today.
            if mention.past_history and mention.entry.category in _ACUTE:
                continue
            if mention.asserted:
                hits[mention.entry.code].append((source, mention))
    return hits


def _suggest(
    code: str, found: list[tuple[Source, Mention]], codes: Icd10Cm, problem_blocks: set[int]
) -> list[Coded]:
    """One suggestion, or one per side when a bilateral condition has no bilateral code."""
    certain = [(s, m) for s, m in found if not m.uncertain]
    ranked = sorted(certain or found, key=lambda hit: _ORIGIN_ORDER.index(hit[0].origin))
    best_source, best_mention = ranked[0]
    side = stated_side(best_mention.phrase, best_source.text)
    sided = codes.sided(code, side) if side else tuple(filter(None, [codes.lookup(code)]))
    return [
        c
        for known in sided
        if (c := _suggest_code(known, found, certain, ranked, codes, problem_blocks))
    ]


def _suggest_code(
    known: Icd10Code,
    found: list[tuple[Source, Mention]],
    certain: list[tuple[Source, Mention]],
    ranked: list[tuple[Source, Mention]],
    codes: Icd10Cm,
    problem_blocks: set[int],
) -> Coded | None:
    best_source, best_mention = ranked[0]
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
        s.origin in _ADDRESSED
        and (s.heading or not m.past_history)
        and not _described_under_problem(s, m, problem_blocks)
        for s, m in certain
    )
    return Coded(suggestion, best_mention.entry, best_source.origin, addressed)


def _described_under_problem(source: Source, mention: Mention, problem_blocks: set[int]) -> bool:
    """When the assessment lists its problems as headings ("1. Sore throat."), a symptom told
    in the reasoning around them ("... fever, chills") describes a problem, it is not one; nor
    is a test's finding under another problem ("the echocardiogram showed mitral regurgitation").
    """
    if source.heading or not problem_blocks:
        return False
    if mention.entry.is_symptom:
        return True
    return source.block in problem_blocks and bool(_RESULT.search(source.text))


def _inactive(item: Coded, reason: str) -> Coded:
    suggestion = replace(item.suggestion, active=False, reason=reason)
    return Coded(suggestion, item.entry, item.origin, item.addressed)


_SITE = re.compile(
    r"\b(knee|shoulder|hip|ankle|elbow|wrist|hand|foot|finger|toe|back|neck|lumbar|cervical|"
    r"thoracic|leg|arm|thigh|calf|heel|jaw)s?\b",
    re.IGNORECASE,
)
_SITE_ALIASES = {"lumbar": "back", "thoracic": "back", "cervical": "neck", "heel": "foot"}


def _sites(description: str) -> set[str]:
    found = (m.lower() for m in _SITE.findall(description))
    return {_SITE_ALIASES.get(site, site) for site in found}


def _same_site(symptom: Coded, diagnosis: Coded) -> bool:
    """Knee osteoarthritis accounts for knee pain, not shoulder pain; gout (no site) for both."""
    theirs = _sites(diagnosis.suggestion.description)
    return not theirs or bool(theirs & _sites(symptom.suggestion.description))


def _explainer(item: Coded, diagnoses: list[Coded]) -> Coded | None:
    if item.entry is None or not item.entry.is_symptom:
        return None
    for diagnosis in diagnoses:
        if (
            diagnosis.entry is not None
            and item.entry.code in diagnosis.entry.explains
            and _same_site(item, diagnosis)
        ):
            return diagnosis
    return None


def _explained(coded: list[Coded]) -> list[Coded]:
    """Symptoms of a coded diagnosis stay listed, inactive (guideline I.B.5)."""
    diagnoses = [c for c in coded if c.is_diagnosis and c.suggestion.active]
    result: list[Coded] = []
    for item in coded:
        explainer = _explainer(item, diagnoses)
        if explainer is not None:
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
        if _is_vague(other.suggestion.description) and not _more_specific(other, item):
            continue  # two vague codes: the better supported one stays, never neither
        both_diagnoses = item.is_diagnosis and other.is_diagnosis
        catch_all = code == f"{code[:3]}.9"  # "Dorsalgia, unspecified" beside M54.50
        if both_diagnoses or catch_all or other.suggestion.code[:5] == code[:5]:
            return other
    return None


def _more_specific(other: Coded, item: Coded) -> bool:
    mine, theirs = item.suggestion, other.suggestion
    if theirs.confidence != mine.confidence:
        return theirs.confidence > mine.confidence
    return len(theirs.code) > len(mine.code)


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
    addressed = [c for c in coded if c.addressed and c.suggestion.active]
    if not addressed:
        return coded
    # Words elsewhere may still refine a vaguely coded problem ("your diabetes is uncontrolled").
    vague = {c.suggestion.code[:3] for c in addressed if _is_vague(c.suggestion.description)}
    return [
        c
        if c.addressed
        or not c.suggestion.active
        or (c.is_diagnosis and c.suggestion.code[:3] in vague)
        else _inactive(c, f"{c.suggestion.reason}; not addressed in the assessment or plan")
        for c in coded
    ]


def _is_vague(description: str) -> bool:
    text = description.lower()
    return "unspecified" in text or "without complications" in text


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


def _yields(item: CodeSuggestion, other: CodeSuggestion) -> bool:
    """Of two codes that exclude each other, the weaker goes; a tie goes against a personal
    history code (Z85-Z87), the current condition being what was addressed, then against the
    vaguer code ("Low back pain, unspecified" beside "Lumbago with sciatica, left side")."""
    if other.confidence != item.confidence:
        return other.confidence > item.confidence
    if item.code.startswith(("Z85", "Z86", "Z87")):
        return True
    return _is_vague(item.description) and not _is_vague(other.description)


def _excluded(coded: list[Coded], codes: Icd10Cm) -> list[Coded]:
    """A code whose Excludes1 note names another active code is not reported with it; when
    each excludes the other, the better supported one stays."""
    active = {c.suggestion.code: c.suggestion for c in coded if c.suggestion.active}
    result: list[Coded] = []
    for item in coded:
        code = item.suggestion.code
        clash = next(
            (
                other
                for other, suggestion in active.items()
                if other != code
                and codes.excludes(code, other)
                and (not codes.excludes(other, code) or _yields(item.suggestion, suggestion))
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


_HISTORY_LEAD = re.compile(r"^(?:personal |past |prior |previous )?history of |^status post ")


def _current_codes(item: Coded) -> set[str]:
    """ "History of kidney stones" names kidney stones: the codes of those words now."""
    if item.entry is None or item.entry.category is not Category.HISTORY:
        return set()
    cores = {_HISTORY_LEAD.sub("", p) for p in item.entry.phrases if _HISTORY_LEAD.match(p)}
    return {e.code for e in lexicon() if e.code != item.entry.code and cores & set(e.phrases)}


def _history_of_current(coded: list[Coded]) -> list[Coded]:
    """A personal history code is not reported beside the same condition coded as current."""
    active = {c.suggestion.code: c.suggestion for c in coded if c.suggestion.active}
    result: list[Coded] = []
    for item in coded:
        current = next((active[c] for c in sorted(_current_codes(item)) if c in active), None)
        if current is not None and item.suggestion.active:
            reason = f"{item.suggestion.reason}; {current.code} codes the condition as current"
            result.append(_inactive(item, reason))
        else:
            result.append(item)
    return result


_DIABETES_TYPE = {"E10": "E10.621", "E11": "E11.621", "E13": "E13.621"}


def _diabetic_foot_ulcer(coded: list[Coded], codes: Icd10Cm) -> list[Coded]:
    """Diabetes and a foot ulcer are coded together as diabetes with foot ulcer plus the ulcer's
    site code (ICD-10-CM guideline I.A.15, "with": the link is presumed)."""
    active = [c for c in coded if c.suggestion.active]
    ulcer = next((c for c in active if c.suggestion.code.startswith(("L97.4", "L97.5"))), None)
    diabetes = next((c for c in active if c.suggestion.code[:3] in _DIABETES_TYPE), None)
    if ulcer is None or diabetes is None:
        return coded
    combined = codes.lookup(_DIABETES_TYPE[diabetes.suggestion.code[:3]])
    if combined is None or combined.code in {c.suggestion.code for c in active}:
        return coded
    reason = (
        f"Diabetes ({diabetes.suggestion.code}) with a foot ulcer ({ulcer.suggestion.code}): "
        "coded as diabetes with foot ulcer (ICD-10-CM guideline I.A.15)"
    )
    suggestion = replace(
        diabetes.suggestion,
        code=combined.code,
        description=combined.description,
        reason=reason,
        source_sentences=(
            *diabetes.suggestion.source_sentences,
            *ulcer.suggestion.source_sentences,
        )[:MAX_SOURCES],
        references=diabetes.suggestion.references + ulcer.suggestion.references,
        similar=similar_codes(combined.code, codes),
    )
    result = [
        _inactive(c, f"{c.suggestion.reason}; {combined.code} is more specific")
        if c is diabetes and _is_vague(c.suggestion.description)
        else c
        for c in coded
    ]
    return [*result, Coded(suggestion, None, diabetes.origin, diabetes.addressed)]


def icd10_suggestions(sources: list[Source], codes: Icd10Cm) -> list[Coded]:
    """Active codes first, then by where they were found and how confidently."""
    problem_blocks = {s.block for s in sources if s.heading and s.origin in _ADDRESSED}
    coded = [
        c
        for code, hits in _hits(sources).items()
        for c in _suggest(code, hits, codes, problem_blocks)
    ]
    coded = _from_problems(coded, sources, codes)
    # Only a diagnosis the visit is coded for accounts for a symptom.
    coded = _most_specific(_explained(_assessment_first(coded)))
    coded = _history_of_current(_excluded(coded, codes))
    coded = _diabetic_foot_ulcer(_combined(coded, codes), codes)
    return sorted(coded, key=lambda c: (not c.suggestion.active, -c.suggestion.confidence))
