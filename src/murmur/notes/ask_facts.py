"""Ask AI from the visit's facts: the diagnosis, medication changes with their sigs, orders,
follow-up, vitals, allergies and who said what, each line citing its fact's transcript
segments as ``[n]``. A question of one of these kinds that the facts do not answer is told so
plainly; any other question is left to retrieval (None)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from murmur.facts.domain import (
    Allergy,
    Assertion,
    Certainty,
    Diagnosis,
    Experiencer,
    Fact,
    FamilyHistory,
    FollowUp,
    Medication,
    MedicationAction,
    Order,
    ReturnPrecaution,
    Speaker,
    VisitFacts,
    Vital,
    VitalName,
)

F = TypeVar("F", bound=Fact)


@dataclass(frozen=True, slots=True)
class FactAnswer:
    text: str
    segments: tuple[int, ...]  # the segments the answer cites, in the order cited


_DIAGNOSIS = re.compile(
    r"\b(?:diagnos\w*|assessment|impression|differential|what(?:['\u2019]s| is| was) wrong"
    r"|what (?:does|did) (?:the patient|he|she|they) have)\b",
    re.I,
)
_MEDICATION_CHANGE = re.compile(
    r"\b(?:prescri\w*|doses?|dosage|dosing|sigs?|refill\w*|started|stopped|changed|held"
    r"|discontinued|increased|decreased|new (?:meds?|medications?|drugs?))\b",
    re.I,
)
# "the lab results" asks what came back, not what was ordered.
_ORDERS = re.compile(
    r"^(?!.*\bresults?\b).*\b(?:orders?|ordered|referr\w*|imaging|labs?|work-?up)\b", re.I
)
_FOLLOW_UP = re.compile(
    r"\b(?:follow[- ]?up|come back|return\w*|next (?:visit|appointment)|recheck)\b", re.I
)
_ALLERGIES = re.compile(r"\ballerg\w*", re.I)
_VITAL_WORDS: dict[VitalName, str] = {
    VitalName.BLOOD_PRESSURE: r"blood pressure|bp",
    VitalName.HEART_RATE: r"heart rate|pulse",
    VitalName.TEMPERATURE: r"temperature|temp",
    VitalName.SPO2: r"oxygen|o2|spo2|sats?|saturation",
    VitalName.RESPIRATORY_RATE: r"respiratory rate|breathing rate",
    VitalName.WEIGHT: r"weight|weighs?",
    VitalName.HEIGHT: r"height|how tall",
    VitalName.BMI: r"bmi|body mass index",
    VitalName.GLUCOSE: r"glucose|blood sugar|sugar",
}
_VITALS = re.compile(r"\bvital(?:s| signs)?\b", re.I)
_WHO_SAID = re.compile(
    r"\bwho (?:said|mentioned|brought up|raised|reported|asked about)\s+(?P<topic>.+?)[?.!]*$",
    re.I,
)
_ACTIONS_ASKED: tuple[tuple[re.Pattern[str], frozenset[MedicationAction]], ...] = (
    (
        re.compile(r"\b(?:started|new (?:meds?|medications?|drugs?))\b", re.I),
        frozenset({MedicationAction.STARTED}),
    ),
    (
        re.compile(r"\b(?:stopped|discontinued|held)\b", re.I),
        frozenset({MedicationAction.STOPPED, MedicationAction.HELD}),
    ),
    (
        re.compile(r"\b(?:changed|increased|decreased)\b", re.I),
        frozenset({MedicationAction.CHANGED}),
    ),
    (re.compile(r"\brefill\w*", re.I), frozenset({MedicationAction.REFILLED})),
)
# What counts as "prescribed" at this visit: a drug only mentioned as taken is not.
_PRESCRIBED = frozenset(
    {
        MedicationAction.STARTED,
        MedicationAction.CHANGED,
        MedicationAction.REFILLED,
        MedicationAction.CONTINUED,
        MedicationAction.STOPPED,
        MedicationAction.HELD,
    }
)
_QUALIFIED = {
    Assertion.POSSIBLE: "possible",
    Assertion.HYPOTHETICAL: "hypothetical",
    Assertion.CONDITIONAL: "conditional",
    Assertion.HISTORICAL: "before this visit",
    Assertion.PLANNED: "planned",
}


def _cites(fact: Fact) -> str:
    return "".join(f"[{n}]" for n in sorted({e.segment for e in fact.evidence}))


def _line(text: str, fact: Fact) -> str:
    qualifier = _QUALIFIED.get(fact.assertion)
    suffix = f" ({qualifier})" if qualifier else ""
    return f"- {text}{suffix} {_cites(fact)}".rstrip()


def _listed(title: str, lines: Sequence[tuple[str, Fact]]) -> FactAnswer:
    positions: list[int] = []
    for _, fact in lines:
        positions.extend(sorted({e.segment for e in fact.evidence} - set(positions)))
    body = "\n".join(_line(text, fact) for text, fact in lines)
    return FactAnswer(f"{title}\n{body}", tuple(positions))


def _none(text: str) -> FactAnswer:
    return FactAnswer(text, ())


def _patients(facts: Sequence[F]) -> list[F]:
    return [f for f in facts if f.experiencer is Experiencer.PATIENT]


def _diagnosis_text(fact: Diagnosis) -> str:
    words = [fact.acuity.value if fact.acuity else "", fact.name]
    if fact.laterality:
        words.insert(0, fact.laterality.value)
    text = " ".join(w for w in words if w)
    details = [fact.site or "", fact.status.value if fact.status else ""]
    if fact.certainty is not Certainty.CONFIRMED:
        details.insert(0, fact.certainty.value.replace("_", " "))
    extra = ", ".join(d for d in details if d)
    return f"{text[:1].upper()}{text[1:]}" + (f" ({extra})" if extra else "")


def _diagnoses(facts: VisitFacts, _: str) -> FactAnswer:
    found = [
        f
        for f in _patients(facts.of(Diagnosis))
        if f.assertion not in (Assertion.ABSENT, Assertion.HYPOTHETICAL)
    ]
    if not found:
        return _none("The visit does not state a diagnosis.")
    return _listed("Diagnosis from the visit:", [(_diagnosis_text(f), f) for f in found])


def _action_word(fact: Medication) -> str:
    return fact.action.value.capitalize()


def _medication_changes(facts: VisitFacts, command: str) -> FactAnswer:
    medications = [
        f for f in _patients(facts.of(Medication)) if f.assertion is not Assertion.ABSENT
    ]
    named = [f for f in medications if re.search(rf"\b{re.escape(f.name)}\b", command, re.I)]
    if named:  # "what dose of amlodipine?": that drug, whatever was done with it
        return _listed("From the visit:", [(f"{_action_word(f)}: {f.sig}", f) for f in named])
    wanted = _PRESCRIBED
    for pattern, actions in _ACTIONS_ASKED:
        if pattern.search(command):
            wanted = actions
            break
    found = [f for f in medications if f.action in wanted]
    if not found:
        done = " or ".join(sorted(a.value for a in wanted))
        return _none(f"No medication was {done} at this visit.")
    return _listed(
        "Medications at this visit:", [(f"{_action_word(f)}: {f.sig}", f) for f in found]
    )


def _orders(facts: VisitFacts, _: str) -> FactAnswer:
    found = [f for f in _patients(facts.of(Order)) if f.assertion is not Assertion.ABSENT]
    if not found:
        return _none("No labs, imaging, referrals or procedures were ordered at this visit.")
    lines = [
        (
            " ".join(
                w
                for w in (f.order_type.value.capitalize() + ":", f.laterality, f.site, f.name)
                if w
            ),
            f,
        )
        for f in found
    ]
    return _listed("Orders from the visit:", lines)


def _follow_up(facts: VisitFacts, _: str) -> FactAnswer:
    lines: list[tuple[str, Fact]] = []
    for fact in facts.facts:
        if isinstance(fact, FollowUp) and fact.assertion is not Assertion.ABSENT:
            lines.append((f"Follow up: {fact.interval or fact.text or 'as arranged'}", fact))
        elif isinstance(fact, ReturnPrecaution) and fact.assertion is not Assertion.ABSENT:
            lines.append((f"Return if {fact.trigger}", fact))
    if not lines:
        return _none("The visit does not set a follow-up.")
    return _listed("Follow-up from the visit:", lines)


def _vital_text(fact: Vital) -> str:
    name = fact.name.value.replace("_", " ")
    name = "SpO2" if fact.name is VitalName.SPO2 else name.upper() if name == "bmi" else name
    value = " ".join(v for v in (fact.value, fact.unit) if v) or "not given"
    return f"{name[:1].upper()}{name[1:]} {value}" + (" (abnormal)" if fact.abnormal else "")


def _vitals(facts: VisitFacts, command: str) -> FactAnswer:
    asked = {
        name
        for name, words in _VITAL_WORDS.items()
        if re.search(rf"\b(?:{words})\b", command, re.I)
    }
    found = [
        f
        for f in _patients(facts.of(Vital))
        if f.assertion is not Assertion.ABSENT and (not asked or f.name in asked)
    ]
    if not found:
        what = " or ".join(sorted(n.value.replace("_", " ") for n in asked)) or "vital signs"
        return _none(f"The visit does not record {what}.")
    lines = [
        (_vital_text(f) + (", as the patient reported" if f.speaker is Speaker.PATIENT else ""), f)
        for f in found
    ]
    return _listed("Vitals from the visit:", lines)


_NO_KNOWN = frozenset(
    {"none", "any", "medications", "medication", "drugs", "drug", "known drug allergies"}
)


def _allergies(facts: VisitFacts, _: str) -> FactAnswer:
    found = _patients(facts.of(Allergy))
    if not found:
        return _none("The visit does not mention allergies.")
    lines = []
    for fact in found:
        if fact.assertion is Assertion.ABSENT:
            text = f"No allergy to {fact.substance}"
            if fact.substance.lower() in _NO_KNOWN:
                text = "No known drug allergies"
        else:
            text = f"Allergic to {fact.substance}" + (
                f" ({fact.reaction})" if fact.reaction else ""
            )
        lines.append((text, fact))
    return _listed("Allergies:", lines)


def _speaker(fact: Fact) -> str:
    return "Unknown speaker" if fact.speaker is Speaker.UNKNOWN else fact.speaker.value.title()


_VAGUE = frozenset({"what", "that", "this", "the", "about", "things", "everything"})


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2}


def _who_said(facts: VisitFacts, command: str) -> FactAnswer | None:
    topic = _WHO_SAID.search(command)
    if topic is None:
        return None
    words = _words(topic.group("topic")) - _VAGUE
    found = [f for f in facts.facts if f.label and (words & _words(f.label) if words else f.key)]
    if not found:
        return None  # retrieval may still find who said those words
    return _listed(
        "Who said it:",
        [(f"{_speaker(f)}: {_fact_summary(f)} ({f.kind.replace('_', ' ')})", f) for f in found],
    )


_ROUTES: tuple[tuple[re.Pattern[str], Callable[[VisitFacts, str], FactAnswer]], ...] = (
    (_DIAGNOSIS, _diagnoses),
    (_ALLERGIES, _allergies),
    (_MEDICATION_CHANGE, _medication_changes),
    (_ORDERS, _orders),
    (_FOLLOW_UP, _follow_up),
    (_VITALS, _vitals),
)


def _asks_vital(command: str) -> bool:
    return any(re.search(rf"\b(?:{words})\b", command, re.I) for words in _VITAL_WORDS.values())


def answer_from_facts(command: str, facts: VisitFacts) -> FactAnswer | None:
    """The answer to a question about the visit's facts; None when it asks something else."""
    if said := _who_said(facts, command):
        return said
    for pattern, answer in _ROUTES:
        if pattern.search(command):
            return answer(facts, command)
    if _asks_vital(command):
        return _vitals(facts, command)
    return None


def facts_prompt(facts: VisitFacts) -> str:
    """The facts as numbered-line lines for a language model's prompt."""
    lines = [
        f"- {fact.kind.replace('_', ' ')}: {_fact_summary(fact)}; {fact.assertion.value}, "
        f"about the {fact.experiencer.value}, said by the {fact.speaker.value} {_cites(fact)}"
        for fact in facts.facts
    ]
    return "\n".join(lines) or "(none found)"


def _fact_summary(fact: Fact) -> str:
    if isinstance(fact, Medication):
        return f"{fact.action.value} {fact.sig}"
    if isinstance(fact, Vital):
        return _vital_text(fact)
    if isinstance(fact, Diagnosis):
        return _diagnosis_text(fact)
    if isinstance(fact, FamilyHistory):
        return f"{fact.relative}'s {fact.condition}"
    return fact.label
