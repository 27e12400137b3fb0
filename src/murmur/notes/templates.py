"""Built-in note templates. Tenant-defined templates arrive with the notes issue."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TemplateSection:
    key: str
    title: str
    instruction: str


@dataclass(frozen=True, slots=True)
class Template:
    id: uuid.UUID
    name: str
    sections: tuple[TemplateSection, ...]


SOAP = Template(
    id=uuid.UUID("5f0a3c1e-8d1b-4c57-9b8e-1a2f7d9c0001"),
    name="SOAP Note",
    sections=(
        TemplateSection(
            "subjective",
            "Subjective",
            "Chief complaint, history of present illness, symptoms with onset and duration, "
            "pertinent negatives, relevant history, medications and allergies as reported.",
        ),
        TemplateSection(
            "objective",
            "Objective",
            "Vital signs, examination findings and results stated during the visit.",
        ),
        TemplateSection(
            "assessment",
            "Assessment",
            "The clinician's diagnoses and impressions, with their reasoning.",
        ),
        TemplateSection(
            "plan",
            "Plan",
            "Medications, tests, referrals, patient education and follow-up.",
        ),
    ),
)

BUILT_IN_TEMPLATES: dict[uuid.UUID, Template] = {SOAP.id: SOAP}
DEFAULT_TEMPLATE = SOAP


def find_template(template_id: uuid.UUID) -> Template | None:
    return BUILT_IN_TEMPLATES.get(template_id)
