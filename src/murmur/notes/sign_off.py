"""Signing off a session's consult note. The clinician signs the text as they edited it; signing
different text again records an amendment (the next version) and keeps every earlier version.
Signing the same text as the latest version again changes nothing, so a retried request is
harmless. A client that says which version it amends gets 409 if someone signed since."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from murmur.encounters.models import Encounter
from murmur.errors import Conflict
from murmur.notes import repository
from murmur.notes.models import NoteSignOff
from murmur.tenancy.repository import get_provider


@dataclass(frozen=True, slots=True)
class SignedVersion:
    sign_off: NoteSignOff
    signer_email: str


def signed_version(session: Session, *, encounter: Encounter) -> int:
    """The latest signed version of the session's note; 0 while it is unsigned."""
    return repository.latest_signed_version(
        session, tenant_id=encounter.tenant_id, encounter_id=encounter.id
    )


def history(session: Session, *, encounter: Encounter) -> list[SignedVersion]:
    """Every signed version of the session's note, newest first."""
    rows = repository.sign_offs(session, tenant_id=encounter.tenant_id, encounter_id=encounter.id)
    emails: dict[uuid.UUID, str] = {}
    for row in rows:
        if row.signed_by not in emails:
            provider = get_provider(
                session, tenant_id=encounter.tenant_id, provider_id=row.signed_by
            )
            emails[row.signed_by] = provider.email if provider else ""
    return [SignedVersion(row, emails[row.signed_by]) for row in rows]


def sign_off(
    session: Session,
    *,
    encounter: Encounter,
    provider_id: uuid.UUID,
    content: str,
    content_type: str,
    amends_version: int | None = None,
) -> bool:
    """Signs ``content`` as the session's note and says whether a new version was added;
    ``amends_version`` (0 for a first sign-off), when given, must be the latest version or the
    sign-off is refused with ``Conflict``."""
    versions = repository.sign_offs(
        session, tenant_id=encounter.tenant_id, encounter_id=encounter.id
    )
    latest = versions[0] if versions else None
    current = latest.version if latest else 0
    if amends_version is not None and amends_version != current:
        raise Conflict(
            f"the note was signed off as version {current} since version {amends_version} "
            "was loaded; reload it, then sign off again",
            field="amends_version",
        )
    if latest is not None and latest.content == content and latest.content_type == content_type:
        return False
    row = NoteSignOff(
        tenant_id=encounter.tenant_id,
        encounter_id=encounter.id,
        version=current + 1,
        content=content,
        content_type=content_type,
        signed_by=provider_id,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        raise Conflict(
            "someone else signed this note off at the same moment; reload it, then sign off again"
        ) from None
    return True
