"""Heidi sessions: create, read, change, and the caller's own list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from murmur.api.deps import Services, ServicesDep, SessionDep
from murmur.api.heidi_v2 import mappers, schemas
from murmur.api.heidi_v2.auth import HeidiPrincipalDep
from murmur.encounters import heidi_sessions as service
from murmur.encounters.session_views import SessionView, session_view, view_of
from murmur.notes.unaddressed import note_omissions
from murmur.patients.service import require_profile

router = APIRouter(tags=["heidi-v2 sessions"])


def session_wire(session: Session, services: Services, view: SessionView) -> schemas.Session:
    """The session as Heidi shows it, its consult note checked now for facts it leaves out."""
    omissions = None
    if view.note is not None:
        omissions = note_omissions(
            session, encounter=view.encounter, extractor=services.facts, text=view.note.text
        )
    return mappers.session(view, omissions)


@router.post("/sessions", response_model=schemas.SessionCreated)
def create_session(
    body: schemas.SessionCreate, principal: HeidiPrincipalDep, session: SessionDep
) -> schemas.SessionCreated:
    profile = None
    if body.patient_profile_id is not None:
        profile = require_profile(
            session, tenant_id=principal.tenant_id, profile_id=body.patient_profile_id
        )
    encounter = service.create_session(
        session,
        principal=principal,
        patient_profile_id=profile.id if profile else None,
        patient_ref=body.ehr_patient_id or (profile.ehr_patient_id if profile else None),
        ehr_appointment_id=body.ehr_appointment_id,
    )
    return schemas.SessionCreated(session_id=str(encounter.id))


@router.get("/sessions/linked-user", response_model=schemas.SessionList)
def list_linked_user_sessions(
    principal: HeidiPrincipalDep,
    session: SessionDep,
    services: ServicesDep,
    page_size: Annotated[int, Query(ge=1, le=200)] = 20,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> schemas.SessionList:
    found = service.list_for_provider(session, principal=principal, page_size=page_size, page=page)
    data = [session_wire(session, services, view_of(session, e)) for e in found.items]
    return schemas.SessionList(
        count=len(data),
        total_count=found.total,
        has_next=page * page_size < found.total,
        has_previous=page > 1,
        page=page,
        page_size=page_size,
        data=data,
    )


@router.get("/sessions/{session_id}", response_model=schemas.Session)
def get_session(
    session_id: str, principal: HeidiPrincipalDep, session: SessionDep, services: ServicesDep
) -> schemas.Session:
    view = session_view(session, tenant_id=principal.tenant_id, session_id=session_id)
    return session_wire(session, services, view)


@router.patch("/sessions/{session_id}", response_model=schemas.Session)
def update_session(
    session_id: str,
    body: schemas.SessionUpdate,
    principal: HeidiPrincipalDep,
    session: SessionDep,
    services: ServicesDep,
) -> schemas.Session:
    encounter = service.require_session(
        session, tenant_id=principal.tenant_id, session_id=session_id
    )
    service.update_session(session, encounter=encounter, fields=body.model_dump(exclude_unset=True))
    return session_wire(session, services, view_of(session, encounter))
