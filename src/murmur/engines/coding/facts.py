"""What the coder takes from the visit's clinical facts (``murmur.facts``).

The facts say who a condition is about and whether it holds, read once for every output:
- with no written assessment, the clinician's turns that give the visit's diagnoses (present,
  about the patient, not ruled out) are the visit's assessment and plan;
- a relative's condition is a Z80-Z84 family-history code, never the patient's condition;
- a present sprain whose ligament was lost keeps what is certain: the joint and the side;
- a prescription drug started, changed or stopped is prescription drug management (MDM risk).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from murmur.coding.domain import CodeSuggestion, CodeSystem, Reference
from murmur.engines.coding.code_set import Icd10Cm
from murmur.engines.coding.coded import Coded, similar_codes
from murmur.engines.coding.sources import Document, Origin, Source
from murmur.facts.domain import (
    Assertion,
    Certainty,
    Diagnosis,
    Evidence,
    Exam,
    Experiencer,
    FamilyHistory,
    Laterality,
    Medication,
    MedicationAction,
    Order,
    Result,
    Symptom,
    VisitFacts,
    Vital,
)
from murmur.transcripts.domain import Segment, SpeakerRole

_TAG = re.compile(
    r"^\s*\[(?P<role>[a-z_ ]{1,30})\]\s*|^\s*(?P<colon>doctor|patient|dr)\s*:\s*", re.I
)
_PATIENT_SIDE = re.compile(r"patient|guest|family|mother|father|parent|caregiver", re.I)


@dataclass(frozen=True, slots=True)
class Transcript:
    """The transcript as segments, and where each segment's text begins in the coder's text."""

    segments: tuple[Segment, ...]
    starts: tuple[int, ...]

    def span(self, evidence: Evidence) -> tuple[int, int]:
        start = self.starts[evidence.segment]
        return start + evidence.start, start + evidence.end

    def segment_span(self, index: int) -> tuple[int, int]:
        start = self.starts[index]
        return start, start + len(self.segments[index].text)


def transcript_of_text(transcript: str) -> Transcript:
    """One segment per non-empty line; "[doctor]" / "[patient]" tags give the speaker (an
    untagged line continues the last one)."""
    segments: list[Segment] = []
    starts: list[int] = []
    speaker: SpeakerRole | None = None
    offset = 0
    for line in transcript.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        tag = _TAG.match(body)
        at = 0
        if tag:
            role = tag["role"] or tag["colon"]
            patient = _PATIENT_SIDE.search(role)
            speaker = SpeakerRole.PATIENT if patient else SpeakerRole.CLINICIAN
            at = tag.end()
        text = body[at:].strip()
        if text:
            segments.append(Segment(0.0, 0.0, text, speaker))
            starts.append(offset + at + body[at:].index(text))
        offset += len(line)
    return Transcript(tuple(segments), tuple(starts))


def transcript_of_segments(segments: Sequence[Segment]) -> Transcript:
    """Segments as ``transcript_text`` joins them (single spaces)."""
    starts, position = [], 0
    for segment in segments:
        starts.append(position)
        position += len(segment.text) + 1
    return Transcript(tuple(segments), tuple(starts))


def _about_patient(fact: Diagnosis) -> bool:
    return (
        fact.experiencer is Experiencer.PATIENT
        and fact.assertion is Assertion.PRESENT
        and fact.certainty is not Certainty.RULED_OUT
    )


def assessed(facts: VisitFacts) -> list[Diagnosis]:
    """The diagnoses the clinician gave for this patient at this visit."""
    return [fact for fact in facts.of(Diagnosis) if _about_patient(fact)]


_ASSESSMENT_FROM = 0.4
_OPENING_REACH = 150
_TURN = re.compile(r"\b(?:so|okay|alright|all right|now)\b")


def _split(source: Source, at: int) -> tuple[Source, Source]:
    cut = at - source.start
    head, tail = source.text[:cut].rstrip(), source.text[cut:]
    return (
        replace(source, text=head, end=source.start + len(head)),
        replace(source, text=tail, start=at),
    )


def _assessment_opens(facts: VisitFacts, transcript: Transcript) -> tuple[int, int] | None:
    """Where the spoken assessment and plan begin (segment, character): the assessment closes
    a visit, so the first turn in its last three fifths that gives a diagnosis of the patient's (the
    history's "for your diabetes, ..." questions are not it); failing that, the first turn
    that gives one."""
    late = len(transcript.segments) * _ASSESSMENT_FROM
    given = [
        (e.segment, e.start)
        for fact in assessed(facts)
        for e in fact.evidence
        if late <= e.segment < len(transcript.segments)
    ]
    if given:
        return min(given)
    early = [(e.segment, e.start) for fact in assessed(facts) for e in fact.evidence]
    return min(early) if early else None


def with_spoken_assessment(
    sources: list[Source], facts: VisitFacts, transcript: Transcript
) -> list[Source]:
    """With no written assessment or plan, the clinician's turns from where the spoken
    assessment begins are read as the visit's assessment and plan (offsets stay in the
    transcript)."""
    if any(s.origin in (Origin.ASSESSMENT, Origin.PLAN) for s in sources):
        return sources
    opens = _assessment_opens(facts, transcript)
    if opens is None:
        return sources
    first, opening = opens
    spans = [
        transcript.segment_span(i)
        for i in range(first, len(transcript.segments))
        if transcript.segments[i].speaker is not SpeakerRole.PATIENT
    ]
    # The turn that opens it may first give the exam: it is split where the diagnosis is
    # introduced ("so", "okay", "now" before it).
    text = transcript.segments[first].text
    cues = list(_TURN.finditer(text, max(0, opening - _OPENING_REACH), opening))
    split = transcript.starts[first] + (cues[0].start() if cues else 0)
    sources = [
        piece for s in sources for piece in (_split(s, split) if s.start < split < s.end else (s,))
    ]
    return [
        replace(s, origin=Origin.ASSESSMENT)
        if s.document is Document.TRANSCRIPT and any(start <= s.start < end for start, end in spans)
        else s
        for s in sources
    ]


# A relative's condition (the extractor's names) and its family-history code.
_FAMILY_CODES: tuple[tuple[str, str], ...] = (
    ("colon cancer", "Z80.0"),
    ("lung cancer", "Z80.1"),
    ("breast cancer", "Z80.3"),
    ("ovarian cancer", "Z80.41"),
    ("prostate cancer", "Z80.42"),
    ("skin cancer", "Z80.8"),
    ("cancer", "Z80.9"),
    ("dementia", "Z82.0"),
    ("depression", "Z81.8"),
    ("anxiety", "Z81.8"),
    ("bipolar disorder", "Z81.8"),
    ("stroke", "Z82.3"),
    ("transient ischemic attack", "Z82.3"),
    ("heart attack", "Z82.49"),
    ("heart disease", "Z82.49"),
    ("coronary artery disease", "Z82.49"),
    ("heart failure", "Z82.49"),
    ("atrial fibrillation", "Z82.49"),
    ("hypertension", "Z82.49"),
    ("asthma", "Z82.5"),
    ("allergic asthma", "Z82.5"),
    ("copd", "Z82.5"),
    ("type 1 diabetes", "Z83.3"),
    ("type 2 diabetes", "Z83.3"),
    ("diabetes", "Z83.3"),
    ("high cholesterol", "Z83.42"),
    ("thyroid disease", "Z83.49"),
    ("hypothyroidism", "Z83.49"),
    ("hyperthyroidism", "Z83.49"),
    ("anemia", "Z83.2"),
    ("kidney disease", "Z84.1"),
    ("kidney stones", "Z84.1"),
)
FAMILY_CODES = dict(_FAMILY_CODES)
_FAMILY_CONFIDENCE = 0.6


def family_history(
    facts: VisitFacts, transcript: Transcript, codes: Icd10Cm
) -> list[CodeSuggestion]:
    """A Z80-Z84 code for each relative's condition said to be present, once per code."""
    found: dict[str, CodeSuggestion] = {}
    for fact in facts.of(FamilyHistory):
        code = FAMILY_CODES.get(fact.condition)
        if fact.assertion is not Assertion.PRESENT or code is None or code in found:
            continue
        known = codes.lookup(code)
        if known is None:
            continue
        refs = _references(fact.evidence, transcript)
        # A relative's condition is the patient's risk, reported when it bears on the care:
        # listed for the coder, not a problem this visit addressed.
        found[code] = CodeSuggestion(
            active=False,
            system=CodeSystem.ICD10CM,
            code=code,
            description=known.description,
            confidence=_FAMILY_CONFIDENCE,
            reason=f"Family history: {fact.relative} with {fact.condition} (not the patient's).",
            source_sentences=tuple(r.text for r in refs),
            entity=f"{fact.relative}: {fact.condition}",
            references=refs,
            similar=similar_codes(code, codes),
        )
    return list(found.values())


def _references(evidence: Sequence[Evidence], transcript: Transcript) -> tuple[Reference, ...]:
    refs: list[Reference] = []
    for e in evidence:
        if e.segment >= len(transcript.segments):
            continue
        start, end = transcript.span(e)
        text = transcript.segments[e.segment].text
        refs.append(Reference(str(Document.TRANSCRIPT), text[e.start : e.end], start, end))
    return tuple(refs)


# A sprain of a joint, with the ligament unknown: joint -> (category, right, left, unspecified).
_SPRAINS: dict[str, tuple[str, str, str, str]] = {
    "ankle": ("S93.4", "S93.401A", "S93.402A", "S93.409A"),
    "knee": ("S83.9", "S83.91XA", "S83.92XA", "S83.90XA"),
    "wrist": ("S63.50", "S63.501A", "S63.502A", "S63.509A"),
}
_JOINT = re.compile(r"\b(ankle|knee|wrist)s?\b", re.I)
_SIDE_WORD = re.compile(r"\b(right|left)\b", re.I)
_SPRAIN_CONFIDENCE = 0.7
_REACH = 80
# A ligament, even misheard, names its joint: "anterior tally fibular", "deltoid".
_LIGAMENT_JOINT = (
    (re.compile(r"\b(?:tal\w*|tall\w*|tel\w*)[\s-]*fibul\w*|\bfibul\w*|\bdeltoid\b|"
                r"\bcalcane\w*|\batfl\b|\ba t f l\b", re.I), "ankle"),
    (re.compile(r"\bcruciate\b|\bcollateral\b|\b[am]cl\b", re.I), "knee"),
    (re.compile(r"\bscapholunate\b|\blunotriquetral\b", re.I), "wrist"),
)  # fmt: skip


_LIGAMENT = re.compile(r"\bligament", re.I)


def _joint(
    fact: Diagnosis, near: str, transcript: Transcript, segment: int
) -> tuple[str | None, str]:
    """The sprained joint, and words near where it was named (for its side): the fact's
    site, the words by the sprain, the ligament named, or the joint the visit last spoke of."""
    for text in (fact.site or "", near):
        if match := _JOINT.search(text):
            return match.group(1).lower(), text[max(0, match.start() - 30) : match.end() + 30]
    named = next((joint for pattern, joint in _LIGAMENT_JOINT if pattern.search(near)), None)
    if named is None and not _LIGAMENT.search(near):
        return None, ""  # a sprain of the back, of a muscle: no joint to keep
    for earlier in reversed(transcript.segments[:segment]):
        matches = [m for m in _JOINT.finditer(earlier.text) if named in (None, m[1].lower())]
        if matches:
            match = matches[-1]
            words = earlier.text[max(0, match.start() - 30) : match.end() + 30]
            return match.group(1).lower(), words
    return named, ""


def sprains(
    facts: VisitFacts, transcript: Transcript, coded: Sequence[Coded], codes: Icd10Cm
) -> list[CodeSuggestion]:
    """A present sprain of the ankle, knee or wrist that the coder could not code (the
    ligament's name lost or misheard) keeps the joint and the side: S93.401A, not nothing."""
    active = [c.suggestion.code for c in coded if c.suggestion.active]
    added: list[CodeSuggestion] = []
    for fact in assessed(facts):
        if fact.name != "sprain" or not fact.evidence:
            continue
        first = fact.evidence[0]
        if first.segment >= len(transcript.segments):
            continue
        text = transcript.segments[first.segment].text
        near = text[max(0, first.start - _REACH) : first.end + _REACH]
        joint, side_words = _joint(fact, near, transcript, first.segment)
        if joint is None:
            continue
        category, right, left, unspecified = _SPRAINS[joint]
        if any(code.startswith(category) and code != unspecified for code in active):
            continue
        side = fact.laterality
        if side is None and (word := _SIDE_WORD.search(near) or _SIDE_WORD.search(side_words)):
            side = Laterality(word.group(1).lower())
        code = {Laterality.RIGHT: right, Laterality.LEFT: left}.get(side or Laterality.BILATERAL)
        code = code or unspecified
        known = codes.lookup(code)
        if known is None or code in active:
            continue
        refs = _references(fact.evidence, transcript)
        added.append(
            CodeSuggestion(
                system=CodeSystem.ICD10CM,
                code=code,
                description=known.description,
                confidence=_SPRAIN_CONFIDENCE,
                reason=(
                    f"Sprain of the {side.value + ' ' if side else ''}{joint}"
                    " stated; the ligament was not named clearly, so the unspecified-ligament code."
                ),
                source_sentences=(text,),
                entity=f"{joint} sprain",
                references=refs,
                similar=similar_codes(code, codes),
            )
        )
        active.append(code)
    return added


def _sprain_superseded(item: CodeSuggestion, added: Sequence[CodeSuggestion]) -> bool:
    """An unspecified-side sprain yields to the sided one the facts give."""
    return any(
        item.active
        and item.code in {u for _, _, _, u in _SPRAINS.values()}
        and item.code[:5] == a.code[:5]
        for a in added
    )


def without_superseded(
    suggestions: list[CodeSuggestion], added: Sequence[CodeSuggestion]
) -> list[CodeSuggestion]:
    return [
        replace(s, active=False, reason=f"{s.reason}; the side is stated")
        if _sprain_superseded(s, added)
        else s
        for s in suggestions
    ]


_MANAGED = frozenset({MedicationAction.STARTED, MedicationAction.CHANGED, MedicationAction.STOPPED})
_DECIDED = frozenset({Assertion.PRESENT, Assertion.PLANNED})


def drug_management(facts: VisitFacts, transcript: Transcript) -> list[Source]:
    """The sentences where a drug was started, changed or stopped for the patient at this visit."""
    found: list[Source] = []
    for fact in facts.of(Medication):
        if (
            fact.action not in _MANAGED
            or fact.assertion not in _DECIDED
            or fact.experiencer is not Experiencer.PATIENT
            or not fact.evidence
        ):
            continue
        first = fact.evidence[0]
        if first.segment >= len(transcript.segments):
            continue
        start, end = transcript.segment_span(first.segment)
        text = transcript.segments[first.segment].text
        found.append(Source(text, Origin.PLAN, Document.TRANSCRIPT, start, end))
    return found


# Body sites an unspecified-side code leaves open, as its description names them.
_OPEN_SITE = re.compile(
    r"\bunspecified (knee|elbow|shoulder|ankle|hip|wrist|hand|foot|humerus|femur|ear|eye|"
    r"thumb|great toe|upper arm|forearm|thigh|lower leg)\b|\b(leg|arm), unspecified\b",
    re.I,
)
# The words a visit names a site by, when they differ from the code's.
_SITE_WORDS = {
    "humerus": "shoulder|arm|humerus",
    "femur": "hip|thigh|femur",
    "upper arm": "arm|upper arm",
    "lower leg": "leg|shin|calf",
    "great toe": "big toe|great toe",
    "foot": "foot|feet",
}
_SIDE_BY_FACT: tuple[type[Diagnosis | Symptom | Exam | Order], ...] = (
    Diagnosis,
    Symptom,
    Exam,
    Order,
)


def _sides_said(site: str, facts: VisitFacts, transcript: Transcript) -> set[str]:
    """The sides the visit gives the site: the facts' laterality where their words name it,
    then "right knee", "knee on the left", "both knees" in what was said."""
    words = _SITE_WORDS.get(site, site)
    named = re.compile(rf"\b(?:{words})(?:e?s)?\b", re.I)
    sides: set[str] = set()
    for fact in facts.facts:
        if not isinstance(fact, _SIDE_BY_FACT) or fact.laterality is None:
            continue
        if fact.assertion is not Assertion.PRESENT or fact.experiencer is not Experiencer.PATIENT:
            continue
        said = " ".join(
            transcript.segments[e.segment].text[max(0, e.start - 30) : e.end + 30]
            for e in fact.evidence
            if e.segment < len(transcript.segments)
        )
        if named.search(f"{said} {getattr(fact, 'site', '') or ''}"):
            sides.add(fact.laterality.value)
    if sides:
        return sides
    stated = re.compile(
        rf"\b(right|left|both|bilateral)(?:[\s-]+sided)?\s+(?:{words})(?:e?s)?\b|"
        rf"\b(?:{words})(?:e?s)?\s+on (?:the|your|my) (right|left)\b",
        re.I,
    )
    for segment in transcript.segments:
        for match in stated.finditer(segment.text):
            side = (match[1] or match[2]).lower()
            sides.add("bilateral" if side == "both" else side)
    return sides


def sided(
    suggestions: list[CodeSuggestion],
    facts: VisitFacts,
    transcript: Transcript,
    codes: Icd10Cm,
) -> list[CodeSuggestion]:
    """An active code left on an unspecified side takes the one side the visit gives that
    site ("which knee?" "the right one" told in another turn): M25.561, not M25.569."""
    result: list[CodeSuggestion] = []
    taken = {s.code for s in suggestions if s.active}
    for item in suggestions:
        site = _OPEN_SITE.search(item.description) if item.active else None
        if site is None or item.system is not CodeSystem.ICD10CM:
            result.append(item)
            continue
        sides = _sides_said((site[1] or site[2]).lower(), facts, transcript)
        if {"right", "left"} <= sides:
            sides = {"bilateral"}
        found = codes.sided(item.code, sides.pop()) if len(sides) == 1 else ()
        if not found or any(f.code == item.code for f in found):
            result.append(item)
            continue
        for known in found:
            if known.code in taken:
                continue
            taken.add(known.code)
            result.append(
                replace(
                    item,
                    code=known.code,
                    description=known.description,
                    reason=f"{item.reason}; the side is the one the visit gives the {site[0]}",
                    similar=similar_codes(known.code, codes),
                )
            )
    return result


def _examined(facts: VisitFacts) -> list[tuple[int, str]]:
    """(segment, words) of what the clinician found on examination: the exam facts, and a
    condition named in the same turn as them ("on your heart exam you do have a murmur")."""
    exams = [
        (e.segment, fact.finding.lower())
        for fact in facts.of(Exam)
        if fact.assertion is Assertion.PRESENT
        for e in fact.evidence
    ]
    turns = {segment for segment, _ in exams}
    named = [
        (e.segment, fact.name.lower())
        for fact in facts.of(Diagnosis)
        for e in fact.evidence
        if e.segment in turns
    ]
    return exams + named


# Signs only a clinician's stethoscope finds: heart murmurs (R01), abnormal breath sounds.
_HEARD_ON_EXAM = ("R01.", "R09.89")


def _overlaps(one: tuple[int, int], other: tuple[int, int]) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def exam_signs(
    suggestions: list[CodeSuggestion], facts: VisitFacts, transcript: Transcript
) -> list[CodeSuggestion]:
    """Read from speech, a sign the clinician found while examining (edema, a murmur) is the
    examination's, as it would be in a note's exam section: listed, not a problem addressed."""
    examined = _examined(facts)
    result: list[CodeSuggestion] = []
    for item in suggestions:
        entity = item.entity.lower()
        turns = {
            index
            for ref in item.references
            if ref.document == Document.TRANSCRIPT
            for index in range(len(transcript.segments))
            if _overlaps(transcript.segment_span(index), (ref.start, ref.end))
        }
        found = (
            item.active
            and item.code.startswith("R")  # signs and symptoms, not diagnoses
            and bool(entity)
            and (
                item.code.startswith(_HEARD_ON_EXAM)
                or any(
                    segment in turns and (entity in words or words in entity)
                    for segment, words in examined
                )
            )
        )
        result.append(
            replace(item, active=False, reason=f"{item.reason}; found on examination")
            if found
            else item
        )
    return result


_HIGH_SUGARS = re.compile(
    r"\b(?:blood )?(?:sugars?|glucose)(?:'s)?(?: [\w']+){0,5}? (?:high|elevated|up|out of control|"
    r"not (?:well )?controlled|uncontrolled)\b|\b(?:uncontrolled|poorly controlled) diabetes\b",
    re.I,
)


def _glucose_high(facts: VisitFacts) -> bool:
    measured: list[Vital | Result] = [*facts.of(Vital), *facts.of(Result)]
    return any(
        fact.assertion is Assertion.PRESENT and fact.abnormal and "glucose" in fact.label
        for fact in measured
    )


def hyperglycemia(
    suggestions: list[CodeSuggestion],
    facts: VisitFacts,
    sources: Sequence[Source],
    codes: Icd10Cm,
) -> list[CodeSuggestion]:
    """Read from speech, diabetes whose blood glucose the visit finds high (a glucose measured
    high, or "your blood sugars have been running high" in the assessment) is diabetes with
    hyperglycemia (E11.65); an A1c value alone is not."""
    told = [
        s.text
        for s in sources
        if s.origin is Origin.ASSESSMENT
        and s.document is Document.TRANSCRIPT
        and _HIGH_SUGARS.search(s.text)
    ]
    if not told and not _glucose_high(facts):
        return suggestions
    result: list[CodeSuggestion] = []
    for item in suggestions:
        known = codes.lookup(f"{item.code[:3]}.65") if item.code in {"E10.9", "E11.9"} else None
        if not item.active or known is None:
            result.append(item)
            continue
        why = "blood glucose high" + (f': "{told[0][:80]}"' if told else " when measured")
        result.append(
            replace(
                item,
                code=known.code,
                description=known.description,
                reason=f"{item.reason}; {why}",
                similar=similar_codes(known.code, codes),
            )
        )
    return result
