from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from murmur.encounters.models import Encounter
from murmur.patients.models import PatientProfile


def get(session: Session, *, tenant_id: uuid.UUID, profile_id: uuid.UUID) -> PatientProfile | None:
    return session.scalars(
        select(PatientProfile).where(
            PatientProfile.tenant_id == tenant_id, PatientProfile.id == profile_id
        )
    ).one_or_none()


def list_profiles(
    session: Session,
    *,
    tenant_id: uuid.UUID,
    ehr_patient_id: str | None,
    provider: str | None,
    limit: int,
) -> list[PatientProfile]:
    query = select(PatientProfile).where(PatientProfile.tenant_id == tenant_id)
    if ehr_patient_id is not None:
        query = query.where(PatientProfile.ehr_patient_id == ehr_patient_id)
    if provider is not None:
        query = query.where(PatientProfile.provider == provider)
    return list(
        session.scalars(
            query.order_by(PatientProfile.created_at.desc(), PatientProfile.id.desc()).limit(limit)
        )
    )


def delete(session: Session, *, tenant_id: uuid.UUID, profile_ids: list[uuid.UUID]) -> int:
    """Unlinks the profiles' sessions, then deletes them; returns how many were deleted."""
    profiles = list(
        session.scalars(
            select(PatientProfile).where(
                PatientProfile.tenant_id == tenant_id, PatientProfile.id.in_(profile_ids)
            )
        )
    )
    found = [profile.id for profile in profiles]
    if found:
        session.execute(
            update(Encounter)
            .where(Encounter.tenant_id == tenant_id, Encounter.patient_profile_id.in_(found))
            .values(patient_profile_id=None)
        )
        for profile in profiles:
            session.delete(profile)
        session.flush()
    return len(found)
