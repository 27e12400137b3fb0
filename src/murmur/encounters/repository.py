from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from murmur.encounters.models import Encounter
from murmur.tenancy.models import Provider
from murmur.transcripts.models import Transcript


@dataclass(frozen=True, slots=True)
class DateRange:
    """Inclusive calendar dates, read in UTC."""

    start: date | None = None
    end: date | None = None

    def conditions(self, column: InstrumentedAttribute[datetime]) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.start is not None:
            found.append(column >= datetime.combine(self.start, time.min, UTC))
        if self.end is not None:
            found.append(column < datetime.combine(self.end + timedelta(days=1), time.min, UTC))
        return found


@dataclass(frozen=True, slots=True)
class Page:
    limit: int
    offset: int


def add_with_transcript(session: Session, encounter: Encounter) -> None:
    """Stores a new encounter with its (empty) transcript: every encounter has exactly one."""
    session.add(encounter)
    session.flush()
    session.add(
        Transcript(
            tenant_id=encounter.tenant_id,
            encounter_id=encounter.id,
            language=encounter.language,
            created_at=encounter.created_at,
        )
    )


def get(session: Session, *, tenant_id: uuid.UUID, encounter_id: uuid.UUID) -> Encounter | None:
    return session.scalars(
        select(Encounter).where(Encounter.tenant_id == tenant_id, Encounter.id == encounter_id)
    ).one_or_none()


def get_for_update(session: Session, *, encounter_id: uuid.UUID) -> Encounter | None:
    return session.scalars(
        select(Encounter).where(Encounter.id == encounter_id).with_for_update()
    ).one_or_none()


def _page(
    session: Session, query: Select[Encounter, str], page: Page
) -> tuple[list[tuple[Encounter, str]], int]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = session.execute(
        query.order_by(Encounter.created_at.desc(), Encounter.id.desc())
        .limit(page.limit)
        .offset(page.offset)
    )
    return [(encounter, email) for encounter, email in rows], total


def list_with_provider_email(
    session: Session,
    *,
    tenant_id: uuid.UUID,
    dates: DateRange,
    email: str | None,
    patient_ref: str | None,
    page: Page,
) -> tuple[list[tuple[Encounter, str]], int]:
    query = (
        select(Encounter, Provider.email)
        .join(Provider, Provider.id == Encounter.provider_id)
        .where(Encounter.tenant_id == tenant_id, *dates.conditions(Encounter.created_at))
    )
    if email is not None:
        query = query.where(func.lower(Provider.email) == email.lower())
    if patient_ref is not None:
        query = query.where(Encounter.patient_ref == patient_ref)
    return _page(session, query, page)


def list_transcripts(
    session: Session,
    *,
    tenant_id: uuid.UUID,
    dates: DateRange,
    status: str | None,
    language: str | None,
    encounter_id: uuid.UUID | None,
    patient_ref: str | None,
    page: Page,
) -> tuple[list[Transcript], int]:
    query = (
        select(Transcript)
        .join(Encounter, Encounter.id == Transcript.encounter_id)
        .where(Transcript.tenant_id == tenant_id, *dates.conditions(Transcript.created_at))
    )
    if status is not None:
        query = query.where(Transcript.status == status)
    if language is not None:
        query = query.where(Transcript.language == language)
    if encounter_id is not None:
        query = query.where(Transcript.encounter_id == encounter_id)
    if patient_ref is not None:
        query = query.where(Encounter.patient_ref == patient_ref)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(Transcript.created_at.desc(), Transcript.id.desc())
        .limit(page.limit)
        .offset(page.offset)
    ).all()
    return list(rows), total
