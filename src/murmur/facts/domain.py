"""A visit's clinical facts: what was found, said, decided and ordered, each with its evidence.

Every fact shares who it is about (experiencer), whether it holds (assertion), who said it and
where (evidence spans in the transcript segments). The kinds and their fields follow the facts
gold set (benchmarks/data/FACTS.md); ``key`` marks the facts whose omission from a note matters.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, ClassVar, TypeVar


class Assertion(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    POSSIBLE = "possible"
    HYPOTHETICAL = "hypothetical"
    CONDITIONAL = "conditional"  # "if it gets worse, we'll get an x-ray"
    HISTORICAL = "historical"  # before this visit
    PLANNED = "planned"  # decided now, to happen later


class Experiencer(StrEnum):
    PATIENT = "patient"
    FAMILY = "family"
    OTHER = "other"


class Speaker(StrEnum):
    CLINICIAN = "clinician"
    PATIENT = "patient"
    COMPANION = "companion"
    UNKNOWN = "unknown"


class Laterality(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BILATERAL = "bilateral"


class Certainty(StrEnum):
    CONFIRMED = "confirmed"
    SUSPECTED = "suspected"
    RULED_OUT = "ruled_out"


class ProblemStatus(StrEnum):
    NEW = "new"
    CHRONIC = "chronic"
    RESOLVED = "resolved"


class Acuity(StrEnum):
    ACUTE = "acute"
    CHRONIC = "chronic"


class MedicationAction(StrEnum):
    STARTED = "started"
    STOPPED = "stopped"
    CHANGED = "changed"
    CONTINUED = "continued"
    REFILLED = "refilled"
    HELD = "held"
    TAKING = "taking"  # a current drug only mentioned


class OrderType(StrEnum):
    LAB = "lab"
    IMAGING = "imaging"
    REFERRAL = "referral"
    PROCEDURE = "procedure"


class VitalName(StrEnum):
    BLOOD_PRESSURE = "blood_pressure"
    HEART_RATE = "heart_rate"
    TEMPERATURE = "temperature"
    SPO2 = "spo2"
    RESPIRATORY_RATE = "respiratory_rate"
    WEIGHT = "weight"
    HEIGHT = "height"
    BMI = "bmi"
    GLUCOSE = "glucose"


class HistoryType(StrEnum):
    MEDICAL = "medical"
    SURGICAL = "surgical"


class SocialCategory(StrEnum):
    TOBACCO = "tobacco"
    ALCOHOL = "alcohol"
    DRUGS = "drugs"
    OCCUPATION = "occupation"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Characters ``start:end`` of transcript segment ``segment`` (by position)."""

    segment: int
    start: int
    end: int


# A medication, order or follow-up done before this visit is history, not this visit's work.
_PAST_WORK = frozenset({"medication", "order", "follow_up"})
# Said under a condition, only plans are this visit's work ("an x-ray if it gets worse"); a
# condition, reading or finding is a warning sign ("call if you have chest pain").
_CONDITIONAL_WORK = frozenset({"medication", "order", "follow_up", "return_precaution"})
_KEY_ACTIONS = frozenset(
    {
        MedicationAction.STARTED,
        MedicationAction.STOPPED,
        MedicationAction.CHANGED,
        MedicationAction.HELD,
        MedicationAction.REFILLED,
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    """What every fact carries besides the fields of its kind."""

    kind: ClassVar[str] = "fact"

    assertion: Assertion = Assertion.PRESENT
    experiencer: Experiencer = Experiencer.PATIENT
    speaker: Speaker = Speaker.UNKNOWN
    confidence: float = 1.0
    evidence: tuple[Evidence, ...] = ()

    @property
    def label(self) -> str:
        """The fact's name as a reader would look for it (drug, test, relative's condition)."""
        return ""

    @property
    def key(self) -> bool:
        """Whether leaving this fact out of the note matters (FACTS.md "Key facts")."""
        if self.assertion in (Assertion.ABSENT, Assertion.HYPOTHETICAL):
            return False
        if self.assertion is Assertion.HISTORICAL and self.kind in _PAST_WORK:
            return False
        if self.assertion is Assertion.CONDITIONAL and self.kind not in _CONDITIONAL_WORK:
            return False
        return self._key_for_kind()

    def _key_for_kind(self) -> bool:
        return False


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnosis(Fact):
    kind: ClassVar[str] = "diagnosis"
    name: str
    certainty: Certainty = Certainty.CONFIRMED
    status: ProblemStatus | None = None
    laterality: Laterality | None = None
    site: str | None = None
    acuity: Acuity | None = None

    @property
    def label(self) -> str:
        return self.name

    def _key_for_kind(self) -> bool:
        # The gold set judges diagnoses per visit (the leading differential is key, the others
        # not); what a reader can tell from the words is whether it was ruled out.
        return self.certainty is not Certainty.RULED_OUT and self.experiencer is Experiencer.PATIENT


@dataclass(frozen=True, slots=True, kw_only=True)
class Symptom(Fact):
    kind: ClassVar[str] = "symptom"
    name: str
    site: str | None = None
    laterality: Laterality | None = None
    onset: str | None = None
    duration: str | None = None
    severity: str | None = None
    character: str | None = None
    modifiers: str | None = None

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Medication(Fact):
    kind: ClassVar[str] = "medication"
    name: str
    action: MedicationAction = MedicationAction.TAKING
    dose: str | None = None  # as clinicians write it: "5 mg", "2 puffs"
    route: str | None = None
    frequency: str | None = None  # in words: "twice daily"
    duration: str | None = None
    as_needed: bool | None = None
    indication: str | None = None

    @property
    def label(self) -> str:
        return self.name

    @property
    def sig(self) -> str:
        """The prescription line: "Amlodipine 5 mg PO daily"."""
        parts = [self.name.capitalize(), self.dose, self.route, self.frequency]
        if self.as_needed:
            parts.append("as needed")
        return " ".join(part for part in parts if part)

    def _key_for_kind(self) -> bool:
        return self.action in _KEY_ACTIONS


@dataclass(frozen=True, slots=True, kw_only=True)
class Allergy(Fact):
    kind: ClassVar[str] = "allergy"
    substance: str
    reaction: str | None = None

    @property
    def label(self) -> str:
        return self.substance

    @property
    def key(self) -> bool:
        # "No known drug allergies" is worth stating, so an absent allergy stays key.
        return True


@dataclass(frozen=True, slots=True, kw_only=True)
class Vital(Fact):
    kind: ClassVar[str] = "vital"
    name: VitalName
    value: str | None = None  # digits as spoken: "148/90", "98.6"
    unit: str | None = None
    abnormal: bool = False

    @property
    def label(self) -> str:
        return self.name.value

    def _key_for_kind(self) -> bool:
        return self.abnormal


@dataclass(frozen=True, slots=True, kw_only=True)
class Score(Fact):
    kind: ClassVar[str] = "score"
    name: str  # "phq-9", "pain"
    value: str | None = None
    abnormal: bool = False

    @property
    def label(self) -> str:
        return self.name

    def _key_for_kind(self) -> bool:
        return self.abnormal


@dataclass(frozen=True, slots=True, kw_only=True)
class Exam(Fact):
    kind: ClassVar[str] = "exam"
    system: str
    finding: str
    laterality: Laterality | None = None
    normal: bool = True

    @property
    def label(self) -> str:
        return self.finding

    def _key_for_kind(self) -> bool:
        return not self.normal and self.laterality is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class Result(Fact):
    kind: ClassVar[str] = "result"
    name: str
    value: str | None = None
    abnormal: bool = False

    @property
    def label(self) -> str:
        return self.name

    def _key_for_kind(self) -> bool:
        return self.abnormal


@dataclass(frozen=True, slots=True, kw_only=True)
class Order(Fact):
    kind: ClassVar[str] = "order"
    order_type: OrderType
    name: str
    laterality: Laterality | None = None
    site: str | None = None

    @property
    def label(self) -> str:
        return self.name

    def _key_for_kind(self) -> bool:
        return True


@dataclass(frozen=True, slots=True, kw_only=True)
class Instruction(Fact):
    kind: ClassVar[str] = "instruction"
    text: str

    @property
    def label(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True, kw_only=True)
class ReturnPrecaution(Fact):
    kind: ClassVar[str] = "return_precaution"
    trigger: str  # what should bring the patient back: "worse", "new chest pain"

    @property
    def label(self) -> str:
        return self.trigger

    def _key_for_kind(self) -> bool:
        return True


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowUp(Fact):
    kind: ClassVar[str] = "follow_up"
    interval: str | None = None  # "2 weeks", "as needed"
    text: str | None = None

    @property
    def label(self) -> str:
        return self.interval or self.text or ""

    def _key_for_kind(self) -> bool:
        return True


@dataclass(frozen=True, slots=True, kw_only=True)
class History(Fact):
    kind: ClassVar[str] = "history"
    name: str
    type: HistoryType = HistoryType.MEDICAL

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Social(Fact):
    kind: ClassVar[str] = "social"
    category: SocialCategory
    text: str

    @property
    def label(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True, kw_only=True)
class FamilyHistory(Fact):
    kind: ClassVar[str] = "family_history"
    relative: str
    condition: str
    experiencer: Experiencer = Experiencer.FAMILY

    @property
    def label(self) -> str:
        return self.condition

    def _key_for_kind(self) -> bool:
        return True


F = TypeVar("F", bound=Fact)


@dataclass(frozen=True, slots=True)
class VisitFacts:
    """Every fact of one visit, in the order they were said."""

    facts: tuple[Fact, ...] = ()

    def of(self, kind: type[F]) -> list[F]:
        return [fact for fact in self.facts if isinstance(fact, kind)]

    def key_facts(self) -> list[Fact]:
        return [fact for fact in self.facts if fact.key]

    def to_structure(self) -> list[dict[str, Any]]:
        """JSON-ready facts: ``kind``, ``key``, every field (enums as their values) and the
        evidence spans."""
        return [{"kind": fact.kind, "key": fact.key, **asdict(fact)} for fact in self.facts]
