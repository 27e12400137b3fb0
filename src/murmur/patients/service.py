"""Patient profiles: created, read, changed field by field and deleted inside one tenant."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from murmur.db import utcnow
from murmur.encounters.models import Encounter
from murmur.errors import InvalidInput, PatientProfileNotFound
from murmur.patients import repository
from murmur.patients.models import PatientProfile

EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "gender",
    "ehr_patient_id",
    "provider",
)
LIST_LIMIT = 500


def parse_profile_id(profile_id: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(profile_id.strip())
    except ValueError:
        return None


def require_profile(session: Session, *, tenant_id: uuid.UUID, profile_id: str) -> PatientProfile:
    parsed = parse_profile_id(profile_id)
    profile = repository.get(session, tenant_id=tenant_id, profile_id=parsed) if parsed else None
    if profile is None:
        raise PatientProfileNotFound(f"patient profile {profile_id!r} was not found")
    return profile


def create_profile(
    session: Session, *, tenant_id: uuid.UUID, fields: Mapping[str, Any]
) -> PatientProfile:
    profile = PatientProfile(tenant_id=tenant_id)
    _apply(profile, fields)
    session.add(profile)
    session.flush()
    return profile


def update_profile(
    session: Session, *, tenant_id: uuid.UUID, profile_id: str, fields: Mapping[str, Any]
) -> PatientProfile:
    """Changes only the fields given; a field given as null is cleared."""
    profile = require_profile(session, tenant_id=tenant_id, profile_id=profile_id)
    _apply(profile, fields)
    profile.updated_at = utcnow()
    session.flush()
    return profile


def _apply(profile: PatientProfile, fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise InvalidInput(f"{name}: unknown field", field=name)
        setattr(profile, name, value)


def delete_profiles(session: Session, *, tenant_id: uuid.UUID, profile_ids: list[str]) -> int:
    """Deletes the tenant's profiles among ``profile_ids``; unknown ids are skipped."""
    if not profile_ids:
        raise InvalidInput("patient_profile_ids: give at least one id", field="patient_profile_ids")
    parsed = [pid for pid in (parse_profile_id(raw) for raw in profile_ids) if pid]
    return repository.delete(session, tenant_id=tenant_id, profile_ids=parsed)


def link_session(session: Session, *, profile: PatientProfile, encounter: Encounter) -> None:
    """The profile's EHR id also becomes the session's patient id, as Playback's filters see it."""
    encounter.patient_profile_id = profile.id
    if profile.ehr_patient_id and not encounter.patient_ref:
        encounter.patient_ref = profile.ehr_patient_id
    encounter.updated_at = utcnow()
    session.flush()
