"""Encounters with a finished transcript, written straight to the database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from murmur.encounters.models import Encounter
from murmur.services import Services
from murmur.tenancy import service as tenancy
from murmur.transcripts import repository as transcripts
from murmur.transcripts.models import Transcript
from murmur.transcripts.pasted import parse_transcript

BRONCHITIS = """\
[doctor] Hi, good morning. How are you doing today?
[patient] Not great. I've had a cough for five days and it's been keeping me up at night.
[doctor] Any fever?
[patient] Yeah, I had a fever of 100.4 last night.
[doctor] Any chest pain?
[patient] No, no chest pain.
[doctor] Are you allergic to any medications?
[patient] Yes, I'm allergic to penicillin, it gives me hives.
[doctor] Your temperature today is 99.1 and your oxygen is 97 percent.
[doctor] I hear some wheezing in both lungs, but no crackles.
[doctor] So I think this is acute bronchitis.
[doctor] I'm going to prescribe an albuterol inhaler, two puffs every four hours as needed.
[doctor] Drink plenty of fluids and rest.
[doctor] Come back in one week if you are not better.
"""


@dataclass(frozen=True)
class Seeded:
    tenant_id: uuid.UUID
    provider_id: uuid.UUID
    encounter_id: uuid.UUID


def seed_encounter(
    services: Services,
    *,
    transcript: str = BRONCHITIS,
    tenant_name: str = "General Hospital",
    email: str = "doctor@clinic.example",
    tenant_id: uuid.UUID | None = None,
    template_id: uuid.UUID | None = None,
    add_context: dict[str, object] | None = None,
) -> Seeded:
    with services.transactions.writing() as session:
        tenant = (
            tenancy.require_tenant(session, tenant_id)
            if tenant_id
            else tenancy.create_tenant(session, name=tenant_name)
        )
        provider = tenancy.ensure_provider(session, tenant=tenant, email=email)
        encounter = Encounter(
            tenant_id=tenant.id,
            provider_id=provider.id,
            template_id=template_id,
            add_context=add_context,
        )
        session.add(encounter)
        session.flush()
        record = Transcript(tenant_id=tenant.id, encounter_id=encounter.id, status="success")
        session.add(record)
        session.flush()
        transcripts.replace_segments(
            session, transcript_id=record.id, items=parse_transcript(transcript)
        )
        return Seeded(tenant.id, provider.id, encounter.id)
