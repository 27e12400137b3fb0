"""ICD-10-CM suggestions: lexicon matches and assessment problems, negation-aware.

The order of work follows a coder's: find every condition mentioned, keep those asserted for
this patient now, prefer what the assessment and plan address, apply the classification's
combination rules, then keep the most specific code and list the rest as inactive.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from murmur.coding.domain import CodeSuggestion, CodeSystem
from murmur.engines.coding.code_set import Icd10Cm, Icd10Code, limb_region
from murmur.engines.coding.coded import (
    MAX_SOURCES,
    Coded,
    inactive,
    is_vague,
    recoded,
    references,
    similar_codes,
)
from murmur.engines.coding.combinations import hypertension_combination
from murmur.engines.coding.combined import combination_codes
from murmur.engines.coding.diabetes import foot_ulcer, with_complications
from murmur.engines.coding.drugs import drug_therapy
from murmur.engines.coding.history import past_problems
from murmur.engines.coding.lexicon import SYMPTOM_GROUPS, Category, lexicon
from murmur.engines.coding.matching import Mention, find_mentions
from murmur.engines.coding.problems import Problem, problem_codes
from murmur.engines.coding.sides import entity_text, stated_side
from murmur.engines.coding.sources import (
    CONFIDENCE,
    LABEL,
    Document,
    Origin,
    Section,
    Source,
)

CORROBORATION_BONUS = 0.05
UNCERTAIN_FACTOR = 0.5
_ACUTE = frozenset({Category.MINOR, Category.ACUTE, Category.INJURY, Category.SYSTEMIC})
_ADDRESSED = frozenset({Origin.ASSESSMENT, Origin.PLAN})
_ORIGIN_ORDER = list(Origin)
_WRITTEN = frozenset({Origin.ASSESSMENT, Origin.PLAN, Origin.NOTE})
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
# "Asthma with an acute exacerbation", "COPD exacerbation": only the words themselves, so a
# flare told as a possibility ("when he has a flare-up") is not one.
_EXACERBATION = re.compile(
    r"\bwith (?:an? )?(?:acute )?exacerbation\b|\bexacerbation of (?:\w+ ){0,3}(?:asthma|copd)\b|"
    r"\b(?:asthma|copd) (?:exacerbation|flare|attack)\b",
    re.IGNORECASE,
)
_REFINEMENTS = {
    **{
        code: (_EXACERBATION, exacerbated)
        for code, exacerbated in (
            ("J45.20", "J45.21"),
            ("J45.30", "J45.31"),
            ("J45.40", "J45.41"),
            ("J45.50", "J45.51"),
            ("J45.909", "J45.901"),
            ("J44.9", "J44.1"),
        )
    },
    "E11.9": (_HYPERGLYCEMIA, "E11.65"),
    "N20.0": (_URETER, "N20.1"),  # a stone in the ureter is calculus of ureter
    # The lateral (talofibular, calcaneofibular) ligaments: "other ligament of ankle".
    "S93.409A": (re.compile(r"\btalofibular|\batfl\b", re.I), "S93.499A"),
}
_NOTE_ONLY_REFINEMENTS = frozenset({"N20.0", "S93.409A"})


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


def _in_section(mention: Mention, source: Source) -> Mention:
    """ "PMH: asthma" is history, "FH: diabetes" a relative's, "DDx - MI, PE" only queried."""
    if source.section is Section.FAMILY:
        return replace(mention, other_person=True)
    if source.section is Section.HISTORY:
        mention = replace(mention, past_history=True)
    return replace(mention, uncertain=True) if source.queried else mention


def _hits(sources: list[Source]) -> dict[str, list[tuple[Source, Mention]]]:
    blocks = _block_texts(sources)
    hits: dict[str, list[tuple[Source, Mention]]] = defaultdict(list)
    for source in sources:
        context = blocks.get(source.block, source.text)
        in_note = source.document is Document.NOTE
        for found in find_mentions(source.text, spoken=not in_note):
            mention = _refined(found, context if source.heading else source.text, in_note=in_note)
            mention = _in_section(mention, source)
            # A past episode of an acute illness is not a problem today.
            if mention.past_history and mention.entry.category in _ACUTE:
                continue
            if mention.asserted:
                hits[mention.entry.code].append((source, mention))
    return hits


def _doubted_in_note(
    found: list[tuple[Source, Mention]], certain: list[tuple[Source, Mention]]
) -> bool:
    """The note's assessment or plan calls it uncertain ("Likely migraine"): said plainly in
    the visit ("what you're suffering from is a migraine") does not make it certain; the
    clinician's note is the final word."""
    doubted = any(m.uncertain and s.origin in _ADDRESSED for s, m in found)
    return doubted and all(s.document is Document.TRANSCRIPT for s, _ in certain)


# Skin infections the tabular list divides by limb: "cellulitis" of a named leg or arm.
_LIMB_CODES = {"L03.90": "L03.119", "L02.91": "L02.419"}
_SIDE_WORDS = re.compile(r"\b(right|left)\b", re.IGNORECASE)


def _suggest(
    code: str, found: list[tuple[Source, Mention]], codes: Icd10Cm, problem_blocks: set[int]
) -> list[Coded]:
    """One suggestion, or one per side when a bilateral condition has no bilateral code."""
    certain = [(s, m) for s, m in found if not m.uncertain]
    if _doubted_in_note(found, certain):
        certain = []
    ranked = sorted(certain or found, key=lambda hit: _ORIGIN_ORDER.index(hit[0].origin))
    best_source, best_mention = ranked[0]
    side = stated_side(best_mention.phrase, best_source.text)
    if code in _LIMB_CODES and limb_region(best_source.text):
        # "Open wound right lower extremity complicated by cellulitis": the limb's side.
        code = _LIMB_CODES[code]
        sides = {w.lower() for w in _SIDE_WORDS.findall(best_source.text)}
        side = side or (sides.pop() if len(sides) == 1 else None)
    site = codes.at_site(code, best_source.text)
    code = site.code if site else code
    code = _episode(code, best_source.text, codes)
    sided = (
        codes.sided(code, side, sites=best_source.text)
        if side
        else tuple(filter(None, [codes.lookup(code)]))
    )
    return [
        c
        for known in sided
        if (c := _suggest_code(known, found, certain, ranked, codes, problem_blocks))
    ]


# Aftercare or a follow-up visit of a treated injury is a subsequent encounter (7th character
# D, guideline I.C.19.a): "aftercare of multiple trauma", "follow-up of her laceration".
_AFTERCARE = re.compile(
    r"\baftercare\b|\bsubsequent encounter\b|\bfollow[- ]?up (?:visit )?of\b",
    re.IGNORECASE,
)


def _episode(code: str, text: str, codes: Icd10Cm) -> str:
    if len(code) != 8 or not code.endswith("A") or not _AFTERCARE.search(text):
        return code
    subsequent = codes.lookup(f"{code[:-1]}D")
    return subsequent.code if subsequent is not None else code


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
    hedged = not certain and best_source.heading and best_source.origin in _ADDRESSED
    own = best_source.heading and best_source.origin is Origin.ASSESSMENT and bool(certain)
    return Coded(suggestion, best_mention.entry, best_source.origin, addressed, hedged, own)


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
        if _listed_apart(item, diagnosis):
            continue
        if item.entry.code in _explains(diagnosis) and _same_site(item, diagnosis):
            return diagnosis
    return None


def _listed_apart(symptom: Coded, diagnosis: Coded) -> bool:
    """ "1. Atrial fibrillation. 2. Dizziness.": a symptom the assessment lists as a problem of
    its own, apart from the diagnosis, is one the clinician addresses in its own right."""
    theirs = diagnosis.suggestion.source_sentences[:1]
    cardinal = symptom.suggestion.code.startswith(_CARDINAL)
    return (
        symptom.own_problem and not cardinal and theirs != symptom.suggestion.source_sentences[:1]
    )


# Symptoms that define the diagnoses that explain them (guideline I.B.5: routinely associated),
# listed apart or not: flank pain and hematuria of a stone, cough and breathlessness of a chest
# illness, pain of a joint's own disorder.
_CARDINAL = ("R10.A", "R31", "R30.0", "R05", "R06.0", "M25.5", "M54", "M79.6")


def _explains(diagnosis: Coded) -> frozenset[str]:
    """The symptoms a diagnosis accounts for; one found in the code set (no lexicon entry)
    that is an injury or a musculoskeletal disorder accounts for pain and stiffness at its site."""
    if diagnosis.entry is not None:
        return diagnosis.entry.explains
    return SYMPTOM_GROUPS["msk"] if diagnosis.suggestion.code[:1] in {"S", "M"} else frozenset()


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
            result.append(inactive(item, reason))
        else:
            result.append(item)
    return result


def _symptoms_of_hedged(coded: list[Coded]) -> list[Coded]:
    """An assessment problem documented only as uncertain ("Suspected angina.") is coded by
    the symptom that brought the patient, told elsewhere in the note (guideline IV.H)."""
    hedged = [c for c in coded if c.hedged_problem and c.is_diagnosis]
    if not hedged:
        return coded
    result: list[Coded] = []
    for item in coded:
        cause = next(
            (
                h
                for h in hedged
                if item.entry is not None
                and item.entry.is_symptom
                and not item.suggestion.active
                and item.entry.code in _explains(h)
                and _same_site(item, h)
            ),
            None,
        )
        if cause is None or not item.suggestion.reason.endswith(_NOT_ADDRESSED):
            result.append(item)
            continue
        reason = (
            f"{item.suggestion.reason.removesuffix(_NOT_ADDRESSED)}; the assessment's "
            f"{cause.suggestion.entity} is uncertain, so its symptom is coded (guideline IV.H)"
        )
        suggestion = replace(item.suggestion, active=True, reason=reason)
        result.append(replace(item, suggestion=suggestion, addressed=True))
    return result


def _less_specific(item: Coded, others: list[Coded]) -> Coded | None:
    code, description = item.suggestion.code, item.suggestion.description.lower()
    vague = "unspecified" in description or "without complications" in description
    for other in others:
        same_category = other.suggestion.code[:3] == code[:3] and other.suggestion.code != code
        if not (vague and same_category and other.suggestion.active) or _one_problem(item, other):
            continue
        if is_vague(other.suggestion.description) and not _more_specific(other, item):
            continue  # two vague codes: the better supported one stays, never neither
        both_diagnoses = item.is_diagnosis and other.is_diagnosis
        catch_all = code == f"{code[:3]}.9"  # "Dorsalgia, unspecified" beside M54.50
        if both_diagnoses or catch_all or other.suggestion.code[:5] == code[:5]:
            return other
    return None


def _one_problem(item: Coded, other: Coded) -> bool:
    """Codes the code set gave for one assessment problem name its sites ("nevi of the trunk
    and upper limbs"), or both sides: none of them is a vaguer copy of another."""
    first = item.suggestion.source_sentences[:1]
    return (
        item.entry is None
        and other.entry is None
        and first == other.suggestion.source_sentences[:1]
    )


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
            result.append(inactive(item, reason))
        else:
            result.append(item)
    return result


_NOT_ADDRESSED = "; not addressed in the assessment or plan"


def _assessment_first(coded: list[Coded], sources: list[Source]) -> list[Coded]:
    """When the assessment and plan name problems, those are what the visit is coded for;
    conditions only in the history, review of systems or conversation stay listed, inactive.
    A note whose assessment names only uncertain problems ("Imp: ?UTI") or none the coder
    knows is coded the same way: not by what the history or the conversation mention; the
    symptoms of an uncertain problem come back below (guideline IV.H)."""
    addressed = [c for c in coded if c.addressed and c.suggestion.active]
    if not addressed and not _has_assessment(sources):
        return coded
    # Words elsewhere may still refine a vaguely coded problem ("your diabetes is uncontrolled").
    vague = {c.suggestion.code[:3] for c in addressed if is_vague(c.suggestion.description)}
    # An assessment that names nothing the coder knows, not even as uncertain ("Imp: acute
    # cardiac event"): the symptoms the note reports are what is coded (guideline IV.H).
    unnamed = not addressed and not any(c.hedged_problem for c in coded)
    return [
        c
        if c.addressed
        or not c.suggestion.active
        or (c.is_diagnosis and c.suggestion.code[:3] in vague)
        or (unnamed and not c.is_diagnosis and c.origin in _WRITTEN)
        else inactive(c, f"{c.suggestion.reason}{_NOT_ADDRESSED}")
        for c in coded
    ]


# What a writer puts under a heading the visit said nothing for ("Not discussed." is ours).
_EMPTY_SECTION = re.compile(r"^\s*(?:not discussed|none|nil|n/?a|-+)\.?\s*$", re.IGNORECASE)


def _has_assessment(sources: list[Source]) -> bool:
    """The note has an assessment or, lacking one, a plan: what its problems are read from.
    A heading with only a placeholder under it ("Not discussed.") is no assessment."""
    return any(
        s.origin in _ADDRESSED and s.document is Document.NOTE and not _EMPTY_SECTION.match(s.text)
        for s in sources
    )


def _from_problems(coded: list[Coded], sources: list[Source], codes: Icd10Cm) -> list[Coded]:
    """Adds the assessment's problems the lexicon missed or coded vaguely."""
    taken = {c.suggestion.code for c in coded}
    found: list[Coded] = []
    for problem in problem_codes(sources, codes, taken):
        if problem.code.code in taken:
            # The lexicon found the code only outside the assessment: the assessment names it.
            coded = [_addressed_by(c, problem) for c in coded]
            continue
        if problem.active and problem.replaces:
            coded = [
                inactive(c, f"{c.suggestion.reason}; the assessment supports {problem.code.code}")
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
        hedged = not problem.active and problem.source.heading
        found.append(Coded(suggestion, None, problem.source.origin, problem.active, hedged))
    return coded + found


def _addressed_by(item: Coded, problem: Problem) -> Coded:
    if item.suggestion.code != problem.code.code or item.addressed:
        return item
    suggestion = replace(
        item.suggestion,
        active=True,
        confidence=max(item.suggestion.confidence, problem.confidence),
        reason=problem.reason,
        entity=problem.entity,
        source_sentences=(problem.source.text, *item.suggestion.source_sentences)[:MAX_SOURCES],
        references=references([problem.source]) + item.suggestion.references,
    )
    return Coded(suggestion, item.entry, problem.source.origin, addressed=True)


def _yields(item: CodeSuggestion, other: CodeSuggestion) -> bool:
    """Of two codes that exclude each other, a personal history code (Z85-Z87) goes: the
    condition is current ("a long history of smoking; he smokes 1.5 packs a day"); otherwise
    the weaker goes, and on a tie the vaguer code ("Low back pain, unspecified" beside
    "Lumbago with sciatica, left side")."""
    history = ("Z85", "Z86", "Z87")
    if item.code.startswith(history) != other.code.startswith(history):
        return item.code.startswith(history)
    if other.confidence != item.confidence:
        return other.confidence > item.confidence
    return is_vague(item.description) and not is_vague(other.description)


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
            result.append(inactive(item, reason))
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
            suggestion = recoded(item.suggestion, known, codes, reason=reason)
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
            result.append(inactive(item, reason))
        else:
            result.append(item)
    return result


def icd10_suggestions(sources: list[Source], codes: Icd10Cm) -> list[Coded]:
    """Active codes first, then by where they were found and how confidently."""
    problem_blocks = {s.block for s in sources if s.heading and s.origin in _ADDRESSED}
    coded = [
        c
        for code, hits in _hits(sources).items()
        for c in _suggest(code, hits, codes, problem_blocks)
    ]
    coded = past_problems(_from_problems(coded, sources, codes), sources, codes)
    # Only a diagnosis the visit is coded for accounts for a symptom.
    coded = _most_specific(_explained(_symptoms_of_hedged(_assessment_first(coded, sources))))
    coded = _history_of_current(_excluded(coded, codes))
    coded = foot_ulcer(with_complications(_combined(coded, codes), codes), codes)
    coded = combination_codes(coded, codes)
    coded = drug_therapy(coded, sources, codes)
    return sorted(coded, key=lambda c: (not c.suggestion.active, -c.suggestion.confidence))
