"""Built-in note and document templates; tenant-defined ones live in the database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum


class FactCategory(StrEnum):
    """What a clinical fact is about; a template section names the categories that fill it."""

    CHIEF_COMPLAINT = "chief_complaint"
    HISTORY_OF_PRESENT_ILLNESS = "history_of_present_illness"
    REVIEW_OF_SYSTEMS = "review_of_systems"
    PAST_HISTORY = "past_history"
    MEDICATIONS = "medications"
    ALLERGIES = "allergies"
    VITALS = "vitals"
    EXAMINATION = "examination"
    RESULTS = "results"
    ASSESSMENT = "assessment"
    PLAN = "plan"
    FOLLOW_UP = "follow_up"
    PATIENT_INSTRUCTIONS = "patient_instructions"


class TemplateKind(StrEnum):
    """Heidi lists consult-note templates and document templates separately."""

    CONSULT_NOTE = "CONSULT_NOTE_TEMPLATE"
    DOCUMENT = "DOCUMENT_TEMPLATE"


@dataclass(frozen=True, slots=True)
class TemplateSection:
    key: str
    title: str
    instruction: str
    draws_from: tuple[FactCategory, ...] = ()


@dataclass(frozen=True, slots=True)
class Template:
    id: uuid.UUID
    name: str
    sections: tuple[TemplateSection, ...]
    kind: TemplateKind = TemplateKind.CONSULT_NOTE
    description: str = ""
    plain_language: bool = False  # written for the patient, not for a clinician
    tenant_id: uuid.UUID | None = field(default=None)  # None for a built-in template


C = FactCategory
_SUBJECTIVE = (
    C.CHIEF_COMPLAINT,
    C.HISTORY_OF_PRESENT_ILLNESS,
    C.REVIEW_OF_SYSTEMS,
    C.PAST_HISTORY,
    C.MEDICATIONS,
    C.ALLERGIES,
)
_OBJECTIVE = (C.VITALS, C.EXAMINATION, C.RESULTS)
_PLAN = (C.PLAN, C.FOLLOW_UP, C.PATIENT_INSTRUCTIONS)


def _builtin(number: int) -> uuid.UUID:
    return uuid.UUID(f"5f0a3c1e-8d1b-4c57-9b8e-1a2f7d9c{number:04x}")


S = TemplateSection

SOAP = Template(
    id=_builtin(1),
    name="SOAP Note",
    description="Subjective, objective, assessment and plan.",
    sections=(
        S(
            "subjective",
            "Subjective",
            "Chief complaint, history of present illness, symptoms with onset and duration, "
            "pertinent negatives, relevant history, medications and allergies as reported.",
            _SUBJECTIVE,
        ),
        S(
            "objective",
            "Objective",
            "Vital signs, examination findings and results stated during the visit.",
            _OBJECTIVE,
        ),
        S(
            "assessment",
            "Assessment",
            "The clinician's diagnoses and impressions, with their reasoning.",
            (C.ASSESSMENT,),
        ),
        S(
            "plan",
            "Plan",
            "Medications, tests, referrals, patient education and follow-up.",
            _PLAN,
        ),
    ),
)

HISTORY_AND_PHYSICAL = Template(
    id=_builtin(2),
    name="History and Physical (H&P)",
    description="A full admission-style history and examination.",
    sections=(
        S("chief_complaint", "Chief Complaint", "The reason for the visit, in a few words.",
          (C.CHIEF_COMPLAINT,)),
        S("history_of_present_illness", "History of Present Illness",
          "Onset, duration, severity, modifiers and course of each complaint; pertinent "
          "negatives.", (C.HISTORY_OF_PRESENT_ILLNESS,)),
        S("past_history", "Past Medical, Surgical, Family and Social History",
          "Past conditions, operations, family and social history as reported.",
          (C.PAST_HISTORY,)),
        S("medications", "Medications", "Current medications with dose and frequency.",
          (C.MEDICATIONS,)),
        S("allergies", "Allergies", "Drug and other allergies with reactions.", (C.ALLERGIES,)),
        S("review_of_systems", "Review of Systems", "Symptoms asked about, present or denied.",
          (C.REVIEW_OF_SYSTEMS,)),
        S("physical_examination", "Physical Examination",
          "Vital signs and examination findings by system.", (C.VITALS, C.EXAMINATION)),
        S("results", "Results", "Laboratory, imaging and other results discussed.",
          (C.RESULTS,)),
        S("assessment", "Assessment", "Diagnoses and impressions with reasoning.",
          (C.ASSESSMENT,)),
        S("plan", "Plan", "Treatment, tests, referrals, education and follow-up.", _PLAN),
    ),
)  # fmt: skip

PROGRESS_NOTE = Template(
    id=_builtin(3),
    name="Progress Note",
    description="A follow-up visit: what changed since last time and what happens next.",
    sections=(
        S("interval_history", "Interval History",
          "Changes since the last visit: symptoms, response to treatment, adherence, side "
          "effects.", (C.CHIEF_COMPLAINT, C.HISTORY_OF_PRESENT_ILLNESS, C.REVIEW_OF_SYSTEMS)),
        S("current_medications", "Current Medications",
          "Medications now taken, with changes since the last visit.",
          (C.MEDICATIONS, C.ALLERGIES)),
        S("examination", "Examination and Results", "Vital signs, findings and new results.",
          _OBJECTIVE),
        S("assessment", "Assessment", "Status of each problem: improving, stable or worse.",
          (C.ASSESSMENT, C.PAST_HISTORY)),
        S("plan", "Plan", "Changes to treatment, tests, and when to return.", _PLAN),
    ),
)  # fmt: skip

APSO = Template(
    id=_builtin(4),
    name="APSO Note",
    description="SOAP reordered so the assessment and plan come first.",
    sections=(
        S("assessment", "Assessment", "The clinician's diagnoses and impressions.",
          (C.ASSESSMENT,)),
        S("plan", "Plan", "Medications, tests, referrals, education and follow-up.", _PLAN),
        S("subjective", "Subjective",
          "Chief complaint, history, pertinent negatives, medications and allergies.",
          _SUBJECTIVE),
        S("objective", "Objective", "Vital signs, examination findings and results.",
          _OBJECTIVE),
    ),
)  # fmt: skip

SPECIALIST_CONSULT = Template(
    id=_builtin(5),
    name="Specialist Consultation",
    description="A consultant's opinion for the referring clinician.",
    sections=(
        S("reason_for_consultation", "Reason for Consultation",
          "The question the referring clinician asked and the presenting complaint.",
          (C.CHIEF_COMPLAINT,)),
        S("history", "History of Present Illness",
          "The history relevant to the consultation, with pertinent negatives.",
          (C.HISTORY_OF_PRESENT_ILLNESS, C.REVIEW_OF_SYSTEMS)),
        S("background", "Background", "Past history, medications and allergies.",
          (C.PAST_HISTORY, C.MEDICATIONS, C.ALLERGIES)),
        S("findings", "Examination and Investigations",
          "Vital signs, examination findings and results.", _OBJECTIVE),
        S("impression", "Impression", "The consultant's diagnosis or differential.",
          (C.ASSESSMENT,)),
        S("recommendations", "Recommendations",
          "Treatment, investigations and follow-up the consultant recommends.", _PLAN),
    ),
)  # fmt: skip

REFERRAL_LETTER = Template(
    id=_builtin(6),
    name="Referral Letter",
    kind=TemplateKind.DOCUMENT,
    description="A letter asking a colleague to see the patient.",
    sections=(
        S("reason_for_referral", "Reason for Referral",
          "Why the patient is referred and the question for the colleague.",
          (C.CHIEF_COMPLAINT, C.ASSESSMENT)),
        S("history", "History", "The presenting history with pertinent negatives.",
          (C.HISTORY_OF_PRESENT_ILLNESS, C.REVIEW_OF_SYSTEMS, C.PAST_HISTORY)),
        S("medications", "Current Medications and Allergies",
          "Medications with doses, and allergies.", (C.MEDICATIONS, C.ALLERGIES)),
        S("findings", "Examination and Results", "Relevant findings and results.", _OBJECTIVE),
        S("management", "Management So Far", "What has been done or started.", _PLAN),
    ),
)  # fmt: skip

AFTER_VISIT_SUMMARY = Template(
    id=_builtin(7),
    name="Patient After-Visit Summary",
    kind=TemplateKind.DOCUMENT,
    plain_language=True,
    description="What happened at the visit, in plain language for the patient.",
    sections=(
        S("why_you_came", "Why You Came In", "The reason for the visit in everyday words.",
          (C.CHIEF_COMPLAINT, C.HISTORY_OF_PRESENT_ILLNESS)),
        S("what_we_found", "What We Found", "The diagnosis and findings, without jargon.",
          (C.ASSESSMENT, C.RESULTS, C.EXAMINATION)),
        S("your_medications", "Your Medications", "Medicines to take, how much and how often.",
          (C.MEDICATIONS,)),
        S("what_to_do", "What To Do Next", "Instructions, tests and warning signs.",
          (C.PLAN, C.PATIENT_INSTRUCTIONS)),
        S("follow_up", "Follow-Up", "When and how to come back.", (C.FOLLOW_UP,)),
    ),
)  # fmt: skip

SICK_NOTE = Template(
    id=_builtin(8),
    name="Sick / Work Note",
    kind=TemplateKind.DOCUMENT,
    plain_language=True,
    description="A short certificate for an employer or school; no more detail than needed.",
    sections=(
        S("attendance", "Attendance", "That the patient was seen at this visit.",
          (C.CHIEF_COMPLAINT,)),
        S("fitness_for_work", "Fitness for Work or School",
          "The period the patient should stay off or limit activities, as advised.",
          (C.PLAN, C.PATIENT_INSTRUCTIONS)),
        S("return", "Return", "When the patient may return or will be reviewed.",
          (C.FOLLOW_UP,)),
    ),
)  # fmt: skip

BUILT_IN_TEMPLATES: dict[uuid.UUID, Template] = {
    template.id: template
    for template in (
        SOAP,
        HISTORY_AND_PHYSICAL,
        PROGRESS_NOTE,
        APSO,
        SPECIALIST_CONSULT,
        REFERRAL_LETTER,
        AFTER_VISIT_SUMMARY,
        SICK_NOTE,
    )
}
DEFAULT_TEMPLATE = SOAP


def find_template(template_id: uuid.UUID) -> Template | None:
    """A built-in template; tenant templates are looked up by ``murmur.notes.service``."""
    return BUILT_IN_TEMPLATES.get(template_id)
