"""Note sentences composed from the visit's clinical facts, in a physician's register.

A fact states what was decided or found in clinical form (a sig, a value, a side), so the note
says it that way ("Amlodipine 5 mg PO daily, started.") instead of retelling the spoken words.
Each composed sentence cites exactly the spans of the facts it states.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from murmur.facts.domain import (
    Allergy,
    Assertion,
    Certainty,
    Diagnosis,
    Evidence,
    Exam,
    Experiencer,
    Fact,
    FamilyHistory,
    FollowUp,
    Medication,
    MedicationAction,
    Order,
    OrderType,
    Result,
    ReturnPrecaution,
    Score,
    VisitFacts,
    Vital,
    VitalName,
)
from murmur.language.spoken import PATIENT_MARK, finish, normalize, swap_pronouns
from murmur.language.statements import Kind, Statement, Swap
from murmur.notes.domain import EvidenceSpan
from murmur.transcripts.domain import Segment


@dataclass(frozen=True, slots=True)
class Composed(Statement):
    """A statement written from facts; ``spans`` are the facts' own evidence."""

    spans: tuple[EvidenceSpan, ...] = ()
    facts: tuple[Fact, ...] = ()


def _composed(kind: Kind, text: str, facts: Sequence[Fact], tags: set[str]) -> Composed:
    evidence = [e for fact in facts for e in fact.evidence]
    spans = tuple(dict.fromkeys(EvidenceSpan(e.segment, e.start, e.end) for e in evidence))
    segments = tuple(sorted({e.segment for e in evidence}))
    topic = facts[0].label if kind is Kind.ASSESSMENT else None
    return Composed(kind, finish(text), segments, frozenset(tags), topic, spans, tuple(facts))


_IF = re.compile(r"\b(?:if|in case|should)\s+(?P<c>[^,.;?!]{3,60})", re.IGNORECASE)
_CONDITION_END = re.compile(r"\s+(?:then|we|i|let)\b.*$", re.IGNORECASE)


def third_person(spoken: str) -> str:
    """Words said to the patient, told about them: "you have numbness in your foot" -> "they
    have numbness in their foot"."""
    text = normalize(spoken)
    swapped = swap_pronouns(text, Swap.CLINICIAN) or text
    return swapped.replace(PATIENT_MARK, "").strip(" ,.")


def _condition(fact: Fact, segments: Sequence[Segment]) -> str:
    """The spoken "if ..." beside a conditional fact, told without "you": "symptoms worsen"."""
    for evidence in fact.evidence:
        if not 0 <= evidence.segment < len(segments):
            continue
        text = segments[evidence.segment].text
        window = text[max(0, evidence.start - 120) : evidence.end + 120]
        found = list(_IF.finditer(window))
        if found:
            offset = evidence.start - max(0, evidence.start - 120)
            nearest = min(found, key=lambda m: abs(m.start() - offset))
            condition = third_person(_CONDITION_END.sub("", nearest["c"].strip()))
            if condition:
                return condition
    return "needed"


_ACTION_WORDS = {
    MedicationAction.STARTED: "started",
    MedicationAction.STOPPED: "stopped",
    MedicationAction.CHANGED: "dose changed",
    MedicationAction.CONTINUED: "continued",
    MedicationAction.REFILLED: "refilled",
    MedicationAction.HELD: "held",
}
# A medication change only weighed aloud: "Consider stopping statin if ...".
_CONSIDERED = {
    "started": "starting",
    "stopped": "stopping",
    "dose changed": "changing",
    "increased": "increasing",
    "decreased": "decreasing",
    "continued": "continuing",
    "refilled": "refilling",
    "held": "holding",
}
_FUTURE = (Assertion.CONDITIONAL, Assertion.HYPOTHETICAL)
_UP = re.compile(r"\b(?:increas\w*|rais\w*|up|higher|doubl\w*)\b", re.IGNORECASE)
_DOWN = re.compile(r"\b(?:decreas\w*|lower\w*|reduc\w*|down|cut|half)\b", re.IGNORECASE)


def _direction(fact: Medication, segments: Sequence[Segment]) -> str:
    """ "increased" or "decreased" when the words around the change say so."""
    for evidence in fact.evidence:
        if 0 <= evidence.segment < len(segments):
            text = segments[evidence.segment].text
            near = text[max(0, evidence.start - 40) : evidence.end]
            if _UP.search(near):
                return "increased"
            if _DOWN.search(near):
                return "decreased"
    return "dose changed"


def _medication(fact: Medication, segments: Sequence[Segment]) -> Composed | None:
    action = _ACTION_WORDS.get(fact.action)
    if action is None or fact.experiencer is not Experiencer.PATIENT:
        return None
    if fact.assertion in (Assertion.ABSENT, Assertion.HISTORICAL, Assertion.POSSIBLE):
        return None
    if fact.action is MedicationAction.CHANGED:
        action = _direction(fact, segments)
    if fact.assertion in _FUTURE:
        verb = _CONSIDERED[action]
        text = f"Consider {verb} {fact.sig} if {_condition(fact, segments)}"
        if fact.action is MedicationAction.STARTED:
            text = f"{fact.sig} if {_condition(fact, segments)}"
    elif _hedged(fact, segments) and fact.action is MedicationAction.STARTED:
        text = f"consider {fact.sig}"
    else:
        text = f"{fact.sig}, {action}"
    return _composed(Kind.PLAN, text, [fact], {"plan", "medication"})


_ORDER_NAMES = {"ct": "CT", "mri": "MRI", "ekg": "EKG", "ecg": "ECG", "cbc": "CBC"}


def _order_name(fact: Order) -> str:
    name = " ".join(_ORDER_NAMES.get(word, word) for word in fact.name.split())
    if name.startswith("dr."):
        name = name.title()
    parts = [fact.laterality.value if fact.laterality else None, fact.site, name]
    text = " ".join(part for part in parts if part)
    if fact.order_type is OrderType.REFERRAL and "referral" not in text.lower():
        return f"referral to {text}"
    return text


_HEDGE = re.compile(r"\b(?:would|could|might|may|maybe|possibly|consider\w*)\b", re.I)
_SENTENCE_END = re.compile(r"[.?!]")


def _hedged(fact: Fact, segments: Sequence[Segment]) -> bool:
    """Whether the sentence a decided-looking fact was said in only weighs it ("then we
    would get an MRI"): the note then says "consider", never "ordered"."""
    for evidence in fact.evidence:
        if 0 <= evidence.segment < len(segments):
            text = segments[evidence.segment].text
            starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, evidence.start)]
            end = _SENTENCE_END.search(text, evidence.end)
            sentence = text[starts[-1] if starts else 0 : end.start() if end else len(text)]
            if _HEDGE.search(sentence):
                return True
    return False


def _order(fact: Order, segments: Sequence[Segment]) -> Composed | None:
    if fact.experiencer is not Experiencer.PATIENT:
        return None
    name = _order_name(fact)
    if fact.assertion in (Assertion.PRESENT, Assertion.PLANNED) and _hedged(fact, segments):
        text = f"consider {name}"
    elif fact.assertion in _FUTURE:
        text = f"{name} if {_condition(fact, segments)}"
    elif fact.assertion is Assertion.PLANNED:
        text = f"{name}, planned"
    elif fact.assertion is Assertion.PRESENT:
        text = f"{name}, ordered"
    else:
        return None
    return _composed(Kind.PLAN, text, [fact], {"plan", "test"})


_VITAL_WORDS = {
    VitalName.BLOOD_PRESSURE: ("BP", "mmHg"),
    VitalName.HEART_RATE: ("HR", "bpm"),
    VitalName.TEMPERATURE: ("Temp", ""),
    VitalName.SPO2: ("SpO2", "%"),
    VitalName.RESPIRATORY_RATE: ("RR", "/min"),
    VitalName.WEIGHT: ("Weight", ""),
    VitalName.HEIGHT: ("Height", ""),
    VitalName.BMI: ("BMI", ""),
    VitalName.GLUCOSE: ("Glucose", ""),
}


def _vital_text(fact: Vital) -> str:
    name, unit = _VITAL_WORDS[fact.name]
    if not fact.value:
        return f"{name} {'elevated' if fact.abnormal else 'normal'}"
    unit = fact.unit or unit
    spaced = "" if unit in ("%", "/min") or not unit else " "
    return f"{name} {fact.value}{spaced}{unit}"


def _vitals(found: list[Vital]) -> Composed | None:
    today = [f for f in found if f.assertion is Assertion.PRESENT]
    if not today:
        return None
    first: dict[VitalName, Vital] = {}
    for fact in today:
        first.setdefault(fact.name, fact)
    chosen = list(first.values())
    text = "Vitals: " + ", ".join(_vital_text(f) for f in chosen)
    return _composed(Kind.OBJECTIVE, text, chosen, {"vital"})


_SIDE_SITE = re.compile(
    r"\W*(?:\w+\s+){0,2}?(?:of|in|on|to|at)\s+(?:the|your|his|her|my|their)?\s*"
    r"(?P<side>left|right)\s+(?P<site>[a-z]+)",
    re.IGNORECASE,
)


def _said_side(fact: Diagnosis, segments: Sequence[Segment]) -> tuple[str, str, Diagnosis] | None:
    """The side and body part said right after the diagnosis ("a sprain of your right ankle")
    when the fact kept neither; the evidence grows to cover them."""
    for evidence in fact.evidence:
        if 0 <= evidence.segment < len(segments):
            text = segments[evidence.segment].text
            match = _SIDE_SITE.match(text, evidence.end)
            if match is not None:
                grown = Evidence(evidence.segment, evidence.start, match.end())
                return (
                    match["side"].lower(),
                    match["site"].lower(),
                    replace(fact, evidence=(grown,)),
                )
    return None


_QUALIFIER = re.compile(r"\b(?P<q>acute|chronic|mild|moderate|severe|recurrent)\s+$", re.I)


def _said_before(fact: Diagnosis, segments: Sequence[Segment]) -> tuple[str, Diagnosis] | None:
    """A qualifier said just before the diagnosis ("acute bronchitis") that the fact lacks."""
    for evidence in fact.evidence:
        if 0 <= evidence.segment < len(segments):
            before = segments[evidence.segment].text[max(0, evidence.start - 12) : evidence.start]
            match = _QUALIFIER.search(before)
            if match is not None:
                start = evidence.start - len(before) + match.start()
                grown = Evidence(evidence.segment, start, evidence.end)
                return match["q"].lower(), replace(fact, evidence=(grown,))
    return None


def _diagnosis(fact: Diagnosis, segments: Sequence[Segment]) -> Composed | None:
    if fact.experiencer is not Experiencer.PATIENT or fact.assertion in (
        Assertion.ABSENT,
        Assertion.HYPOTHETICAL,
        Assertion.CONDITIONAL,  # a warning sign: "call if you have chest pain"
        Assertion.HISTORICAL,
    ):
        return None
    if fact.certainty is Certainty.RULED_OUT:
        return None
    name = fact.name if fact.name.isupper() or len(fact.name) > 4 else fact.name.upper()
    where = [fact.laterality.value if fact.laterality else None]
    if fact.site and fact.site.lower() not in name.lower():
        where.append(fact.site)
    if fact.laterality is None and (said := _said_side(fact, segments)) is not None:
        side, site, fact = said
        where = [side, site if site not in name.lower() else None]
    acuity = fact.acuity.value if fact.acuity and fact.acuity.value not in name else None
    if acuity is None and (before := _said_before(fact, segments)) is not None:
        acuity, fact = before
    text = " ".join(part for part in (acuity, *where, name) if part)
    if fact.certainty is Certainty.SUSPECTED or fact.assertion is Assertion.POSSIBLE:
        text = f"possible {text}"
    return _composed(Kind.ASSESSMENT, text, [fact], {"diagnosis"})


def _exam(fact: Exam) -> Composed | None:
    """An abnormal finding on one side (or both): the side is what the note must not lose."""
    if not fact.key or fact.laterality is None or fact.assertion is not Assertion.PRESENT:
        return None
    side = fact.laterality.value
    text = f"bilateral {fact.finding}" if side == "bilateral" else f"{fact.finding} on the {side}"
    return _composed(Kind.OBJECTIVE, text, [fact], {"exam"})


def unsaid(composed: Sequence[Composed], statements: Sequence[Statement]) -> list[Composed]:
    """The composed findings that no kept sentence already states with their side."""
    kept: list[Composed] = []
    for sentence in composed:
        fact = sentence.facts[0]
        side = getattr(fact, "laterality", None)
        words = [fact.label.lower(), side.value if side else ""]
        if not any(all(w in s.text.lower() for w in words) for s in statements):
            kept.append(sentence)
    return kept


def _current(found: list[Medication], segments: Sequence[Segment]) -> Composed | None:
    """The drugs the patient takes that the visit did not change, as a list of sigs (with
    the name said, where it was a brand)."""
    taking = [
        f
        for f in found
        if f.action is MedicationAction.TAKING
        and f.assertion is Assertion.PRESENT
        and f.experiencer is Experiencer.PATIENT
    ]
    items: dict[str, Medication] = {}
    for fact in taking:
        items.setdefault(fact.name, fact)
    if not items:
        return None
    listed = []
    for fact in items.values():
        said = _mentions(fact, segments) - {fact.name}
        brand = next(iter(sorted(said)), None)
        listed.append(f"{fact.sig} ({brand})" if brand and brand != "the" else fact.sig)
    text = "Current medications: " + ", ".join(listed)
    return _composed(Kind.SUBJECTIVE, text, list(items.values()), {"medication"})


def _family(found: list[FamilyHistory]) -> Composed | None:
    present = [f for f in found if f.assertion is not Assertion.ABSENT]
    if not present:
        return None
    items = ", ".join(f"{f.condition} in {f.relative}" for f in present)
    return _composed(Kind.SUBJECTIVE, f"Family history of {items}", present, {"history"})


def _allergies(found: list[Allergy]) -> Composed | None:
    if not found:
        return None
    present = [f for f in found if f.assertion is not Assertion.ABSENT]
    if not present:
        return _composed(Kind.SUBJECTIVE, "No known drug allergies", found[:1], {"allergy"})
    items = ", ".join(
        f"{f.substance} ({f.reaction})" if f.reaction else f.substance for f in present
    )
    return _composed(Kind.SUBJECTIVE, f"Allergies: {items}", present, {"allergy"})


_NUMBER = re.compile(r"^\s*[<>]?\d[\d.,/]*\s*%?\s*$")


def _measured(fact: Result | Score) -> Composed | None:
    """A result or score said as a number: "Hemoglobin A1c 8." (spoken prose stays retold)."""
    if fact.assertion is not Assertion.PRESENT or not fact.value or not _NUMBER.match(fact.value):
        return None
    name = fact.name.upper() if fact.kind == "score" else _LAB_NAMES.get(fact.name, fact.name)
    return _composed(Kind.OBJECTIVE, f"{name} {fact.value.strip()}", [fact], {"result"})


# Labs written as clinicians write them, not as a capitalised word ("Ldl 96").
_LAB_NAMES = {
    "ldl": "LDL",
    "tsh": "TSH",
    "psa": "PSA",
    "bnp": "BNP",
    "egfr": "eGFR",
    "hemoglobin a1c": "Hemoglobin A1c",
}


def _follow_up(fact: FollowUp) -> Composed | None:
    if fact.assertion in (Assertion.ABSENT, Assertion.HISTORICAL, Assertion.HYPOTHETICAL):
        return None
    if fact.interval == "as needed":
        return _composed(Kind.PLAN, "Follow up as needed", [fact], {"followup"})
    if fact.interval:
        return _composed(Kind.PLAN, f"Follow up in {fact.interval}", [fact], {"followup"})
    if fact.text and fact.text.lower().startswith("follow up with"):
        return _composed(Kind.PLAN, third_person(fact.text), [fact], {"followup"})
    return None


MAX_TRIGGER_WORDS = 14
_NOT_A_TRIGGER = re.compile(r"\b(?:i|we|us|me|want|help)\b|\b(?:and|or|but|so|also)$", re.I)


def _trigger(fact: ReturnPrecaution) -> str | None:
    """The trigger in the patient's third person, or None when the words read as more than
    one (a run-on the note should not carry)."""
    trigger = re.sub(r"^(?:if|when)\s+", "", third_person(fact.trigger), flags=re.IGNORECASE)
    words = trigger.split()
    if not words or len(words) > MAX_TRIGGER_WORDS or _NOT_A_TRIGGER.search(trigger):
        return None
    return trigger


def _precautions(found: list[ReturnPrecaution]) -> Composed | None:
    stated = [(f, t) for f in found if (t := _trigger(f)) is not None]
    if not stated:
        return None
    found = [f for f, _ in stated]
    triggers = list(dict.fromkeys(t for _, t in stated))
    text = "Return precautions: return if " + " or ".join(t for t in triggers if t)
    return _composed(Kind.PLAN, text, found, {"plan"})


MAX_FOLLOW_UPS = 3  # intervals and specialists; more is the extractor hearing echoes


@dataclass(frozen=True, slots=True)
class ComposedNote:
    """What the facts say, split by where it reads best: before the spoken statements (vitals,
    assessment) or after them (plan items, history lists)."""

    leading: list[Composed]
    trailing: list[Composed]
    findings: list[Composed]  # stated only where the spoken findings lost their side


def compose(facts: VisitFacts, segments: Sequence[Segment]) -> ComposedNote:
    leading: list[Composed | None] = [_vitals(facts.of(Vital))]
    leading += [_measured(f) for f in facts.of(Result)] + [_measured(f) for f in facts.of(Score)]
    diagnoses = [_diagnosis(f, segments) for f in facts.of(Diagnosis)]
    named = [c for c in diagnoses if c]
    sure = " ".join(c.text.lower() for c in named if not c.text.startswith("Possible"))
    leading += list(
        {
            c.text.lower(): c
            for c in named
            if not (c.text.startswith("Possible") and c.facts[0].label.lower() in sure)
        }.values()
    )
    exams = [c for c in map(_exam, facts.of(Exam)) if c]
    trailing: list[Composed | None] = [_medication(f, segments) for f in facts.of(Medication)]
    orders = facts.of(Order)
    decided = {f.name for f in orders if f.assertion in (Assertion.PRESENT, Assertion.PLANNED)}
    trailing += [_order(f, segments) for f in orders
                 if not (f.assertion in _FUTURE and f.name in decided)]  # fmt: skip
    follow_ups = {c.text: c for c in map(_follow_up, facts.of(FollowUp)) if c}
    trailing += list(follow_ups.values())[:MAX_FOLLOW_UPS]
    trailing += [_precautions(facts.of(ReturnPrecaution))]
    trailing += [_family(facts.of(FamilyHistory)), _allergies(facts.of(Allergy))]
    trailing += [_current(facts.of(Medication), segments)]
    return ComposedNote([c for c in leading if c], [c for c in trailing if c], exams)


MAX_RESTATEMENT_WORDS = 16  # a longer spoken sentence carries more than the fact it names
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def _mentions(fact: Fact, segments: Sequence[Segment]) -> set[str]:
    """How the fact is named: its label and the first word said at its evidence."""
    names = {fact.label.replace("_", " ").lower()} - {""}
    for evidence in fact.evidence:
        if 0 <= evidence.segment < len(segments):
            said = _WORD.findall(segments[evidence.segment].text[evidence.start : evidence.end])
            if said and len(said[0]) > 2:
                names.add(said[0].lower())
    if isinstance(fact, Vital) and fact.value:
        names.add(fact.value)
    return names


def restated(
    statement: Statement, composed: Sequence[Composed], segments: Sequence[Segment]
) -> bool:
    """Whether a transcript sentence only says again what a composed sentence states: same
    segment, names the same fact, short enough to be about nothing else."""
    if isinstance(statement, Composed):
        return False
    if "told" in statement.tags and len(statement.text.split()) > MAX_RESTATEMENT_WORDS:
        return False
    if statement.kind is Kind.SUBJECTIVE and not statement.tags & {"allergy", "medication"}:
        return False
    told = "told" in statement.tags
    text = f" {' '.join(_WORD.findall(statement.text.lower()))} "
    for sentence in composed:
        # A rule's short sentence names one fact wherever it was said; a retelling only
        # restates the fact said in its own words.
        if told and not set(statement.evidence) & set(sentence.evidence):
            continue
        for fact in sentence.facts:
            if told and isinstance(fact, Diagnosis):
                continue  # "his depression, he is doing well" is reasoning, not the name
            if any(f" {name} " in text for name in _mentions(fact, segments)):
                return True
            if isinstance(fact, ReturnPrecaution | FollowUp) and _retold(fact, text, segments):
                return True
    return False


RETOLD_SHARE = 0.6
_FUNCTION = frozenset(
    ["the", "a", "an", "and", "or", "if", "you", "your", "in", "on", "of", "to", "it", "is"]
)


def _retold(fact: Fact, text: str, segments: Sequence[Segment]) -> bool:
    """Whether most words said at the fact's evidence are in the sentence."""
    for evidence in fact.evidence:
        if 0 <= evidence.segment < len(segments):
            said = segments[evidence.segment].text[evidence.start : evidence.end].lower()
            wanted = set(_WORD.findall(said)) - _FUNCTION
            found = {word for word in wanted if f" {word} " in text}
            if wanted and len(found) >= RETOLD_SHARE * len(wanted):
                return True
    return False
