"""Heidi patient profiles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from murmur.api.deps import ServicesDep, SessionDep
from murmur.api.heidi_v2 import mappers, schemas
from murmur.api.heidi_v2.auth import HeidiPrincipalDep
from murmur.api.heidi_v2.sessions import session_wire
from murmur.encounters.heidi_sessions import require_session
from murmur.encounters.session_views import view_of
from murmur.patients import repository as profiles
from murmur.patients import service

router = APIRouter(tags=["heidi-v2 patient profiles"])


@router.post(
    "/patient-profiles", response_model=schemas.PatientProfile, response_model_exclude_none=True
)
def create_patient_profile(
    body: schemas.PatientProfileFields, principal: HeidiPrincipalDep, session: SessionDep
) -> schemas.PatientProfile:
    profile = service.create_profile(
        session, tenant_id=principal.tenant_id, fields=body.model_dump(exclude_unset=True)
    )
    return mappers.patient_profile(profile)


@router.get(
    "/patient-profiles", response_model=schemas.PatientProfileList, response_model_exclude_none=True
)
def list_patient_profiles(
    principal: HeidiPrincipalDep,
    session: SessionDep,
    ehr_patient_id: Annotated[str | None, Query(max_length=200)] = None,
    provider: Annotated[str | None, Query(max_length=320)] = None,
) -> schemas.PatientProfileList:
    found = profiles.list_profiles(
        session,
        tenant_id=principal.tenant_id,
        ehr_patient_id=ehr_patient_id,
        provider=provider,
        limit=service.LIST_LIMIT,
    )
    return schemas.PatientProfileList(data=[mappers.patient_profile(p) for p in found])


@router.post("/patient-profiles:batch-delete", response_model=schemas.BatchDeleteResponse)
def batch_delete_patient_profiles(
    body: schemas.BatchDeleteRequest, principal: HeidiPrincipalDep, session: SessionDep
) -> schemas.BatchDeleteResponse:
    deleted = service.delete_profiles(
        session, tenant_id=principal.tenant_id, profile_ids=body.patient_profile_ids
    )
    return schemas.BatchDeleteResponse(deleted=deleted)


@router.get(
    "/patient-profiles/{patient_profile_id}",
    response_model=schemas.PatientProfile,
    response_model_exclude_none=True,
)
def get_patient_profile(
    patient_profile_id: str, principal: HeidiPrincipalDep, session: SessionDep
) -> schemas.PatientProfile:
    profile = service.require_profile(
        session, tenant_id=principal.tenant_id, profile_id=patient_profile_id
    )
    return mappers.patient_profile(profile)


@router.patch(
    "/patient-profiles/{patient_profile_id}",
    response_model=schemas.PatientProfile,
    response_model_exclude_none=True,
)
def update_patient_profile(
    patient_profile_id: str,
    body: schemas.PatientProfileFields,
    principal: HeidiPrincipalDep,
    session: SessionDep,
) -> schemas.PatientProfile:
    profile = service.update_profile(
        session,
        tenant_id=principal.tenant_id,
        profile_id=patient_profile_id,
        fields=body.model_dump(exclude_unset=True),
    )
    return mappers.patient_profile(profile)


@router.post("/patient-profiles/{patient_profile_id}/sessions", response_model=schemas.Session)
def link_session_to_patient_profile(
    patient_profile_id: str,
    body: schemas.LinkSessionRequest,
    principal: HeidiPrincipalDep,
    session: SessionDep,
    services: ServicesDep,
) -> schemas.Session:
    profile = service.require_profile(
        session, tenant_id=principal.tenant_id, profile_id=patient_profile_id
    )
    encounter = require_session(session, tenant_id=principal.tenant_id, session_id=body.session_id)
    service.link_session(session, profile=profile, encounter=encounter)
    return session_wire(session, services, view_of(session, encounter))
