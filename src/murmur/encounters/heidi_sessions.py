"""Encounters seen as Heidi sessions: created without audio slots, changed field by field,
listed per provider; looked up inside the caller's tenant, where a bad id is not found."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from murmur.auth.tokens import Principal
from murmur.db import utcnow
from murmur.encounters import repository
from murmur.encounters.languages import DETECT_LANGUAGE, LANGUAGE_NAMES
from murmur.encounters.models import Encounter
from murmur.errors import InvalidInput, SessionNotFound
from murmur.transcripts import repository as transcripts

# Heidi speaks BCP 47 codes ("en", "en-AU"); Murmur transcribes and writes English and Spanish.
MAX_LINKED_SESSIONS = 20


@dataclass(frozen=True, slots=True)
class SessionPage:
    items: list[Encounter]
    total: int


def parse_session_id(session_id: str | uuid.UUID) -> uuid.UUID | None:
    if isinstance(session_id, uuid.UUID):
        return session_id
    try:
        return uuid.UUID(session_id.strip())
    except ValueError:
        return None


def require_session(
    session: Session, *, tenant_id: uuid.UUID, session_id: str | uuid.UUID
) -> Encounter:
    """The encounter ``session_id`` names inside the tenant; otherwise ``SessionNotFound``."""
    parsed = parse_session_id(session_id)
    encounter = (
        repository.get(session, tenant_id=tenant_id, encounter_id=parsed) if parsed else None
    )
    if encounter is None:
        raise SessionNotFound(f"session {str(session_id)!r} was not found")
    return encounter


def note_language(language_code: str, *, field: str) -> str:
    """``en-AU`` -> ``english``; a language Murmur cannot transcribe is refused."""
    base = language_code.strip().lower().replace("_", "-").split("-")[0]
    if base not in LANGUAGE_NAMES:
        supported = ", ".join(sorted(LANGUAGE_NAMES))
        raise InvalidInput(
            f"{field} {language_code!r} is not supported; use one of: {supported}", field=field
        )
    return LANGUAGE_NAMES[base]


def create_session(
    session: Session,
    *,
    principal: Principal,
    patient_profile_id: uuid.UUID | None = None,
    patient_ref: str | None = None,
    ehr_appointment_id: str | None = None,
) -> Encounter:
    """A session has no recording slots until audio arrives, and its language is detected
    from the speech unless ``language_code`` is set."""
    encounter = Encounter(
        tenant_id=principal.tenant_id,
        provider_id=principal.provider_id,
        language=DETECT_LANGUAGE,
        chunked=True,
        expected_chunks=0,
        title="Session",
        patient_profile_id=patient_profile_id,
        patient_ref=patient_ref,
        ehr_appointment_id=ehr_appointment_id,
    )
    encounter.updated_at = utcnow()
    repository.add_with_transcript(session, encounter)
    session.flush()
    return encounter


def update_session(
    session: Session, *, encounter: Encounter, fields: Mapping[str, Any]
) -> Encounter:
    """Changes only the fields given (Heidi's names)."""
    for name, value in fields.items():
        _SETTERS[name](session, encounter, value)
    encounter.updated_at = utcnow()
    session.flush()
    return encounter


def _set_language(session: Session, encounter: Encounter, value: str | None) -> None:
    encounter.language_code = value
    encounter.language = note_language(value, field="language_code") if value else DETECT_LANGUAGE
    transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
    if transcript.status == "pending":
        transcript.language = encounter.language


def _set_output_language(session: Session, encounter: Encounter, value: str | None) -> None:
    if value:
        note_language(value, field="output_language_code")
    encounter.output_language_code = value


def _set_linked(session: Session, encounter: Encounter, value: list[str] | None) -> None:
    ids = list(dict.fromkeys(value or []))
    if len(ids) > MAX_LINKED_SESSIONS:
        raise InvalidInput(
            f"linked_sessions_for_context: at most {MAX_LINKED_SESSIONS} sessions",
            field="linked_sessions_for_context",
        )
    linked: list[str] = []
    for raw in ids:
        other = parse_session_id(raw)
        found = other and repository.get(session, tenant_id=encounter.tenant_id, encounter_id=other)
        if not found or other == encounter.id:
            raise InvalidInput(
                f"linked_sessions_for_context: {raw!r} is not another session of yours",
                field="linked_sessions_for_context",
            )
        linked.append(str(other))
    encounter.linked_sessions = linked


def _setter(attribute: str) -> Any:
    def assign(_: Session, encounter: Encounter, value: Any) -> None:
        setattr(encounter, attribute, value)

    return assign


_SETTERS = {
    "duration": _setter("duration_seconds"),
    "language_code": _set_language,
    "output_language_code": _set_output_language,
    "patient": _setter("patient"),
    "clinician_notes": _setter("clinician_notes"),
    "ehr_appointment_id": _setter("ehr_appointment_id"),
    "ehr_patient_id": _setter("patient_ref"),
    "consent_obtained": lambda _, encounter, value: setattr(
        encounter, "consent_obtained", bool(value)
    ),
    "linked_sessions_for_context": _set_linked,
}
EDITABLE_FIELDS = frozenset(_SETTERS)


def list_for_provider(
    session: Session, *, principal: Principal, page_size: int, page: int
) -> SessionPage:
    """The caller's own sessions, newest first."""
    query = select(Encounter).where(
        Encounter.tenant_id == principal.tenant_id, Encounter.provider_id == principal.provider_id
    )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = session.scalars(
        query.order_by(Encounter.created_at.desc(), Encounter.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    return SessionPage(list(items), total)
