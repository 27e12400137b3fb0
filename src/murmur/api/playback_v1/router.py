"""The eight Playback Health Notes API v1 operations. Handlers stay thin: take the request's
session, call one service, map to the wire shape."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from murmur.api.deps import CallerAddress, ServicesDep, SessionDep, public_base_url
from murmur.api.playback_v1 import mappers, schemas
from murmur.api.playback_v1.auth import AUDIENCE, PrincipalDep
from murmur.audio.service import upload_path
from murmur.auth.tokens import Principal
from murmur.coding import service as coding
from murmur.encounters import repository as encounter_queries
from murmur.encounters import service as encounters
from murmur.encounters.repository import DateRange, Page
from murmur.encounters.views import encounter_view
from murmur.errors import InvalidInput
from murmur.facts.service import facts_of
from murmur.notes.unaddressed import omissions_of
from murmur.tenancy import service as tenancy

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=100, description="page size, 1..100")]
Offset = Annotated[int, Query(ge=0, description="items to skip, >= 0")]
FromDate = Annotated[date | None, Query(alias="from", description="inclusive start date")]
ToDate = Annotated[date | None, Query(alias="to", description="inclusive end date")]
PatientId = Annotated[str | None, Query(alias="patientId", max_length=200)]


def _dates(start: date | None, end: date | None) -> DateRange:
    if start and end and start > end:
        raise InvalidInput("'from' must not be after 'to'", field="from")
    return DateRange(start, end)


@router.post("/authorize", response_model=schemas.AuthorizeResponse)
def authorize(
    body: schemas.AuthorizeRequest,
    caller: CallerAddress,
    services: ServicesDep,
    session: SessionDep,
) -> schemas.AuthorizeResponse:
    with services.sign_ins.attempt(caller):
        client = tenancy.authenticate_client(session, client_id=body.clientId, secret=body.secret)
        principal = Principal(client.tenant_id, client.provider_id, AUDIENCE)
    token, _ = services.tokens.issue(principal)
    return schemas.AuthorizeResponse(idToken=token)


@router.get("/notes", response_model=schemas.NoteList)
def list_notes(
    principal: PrincipalDep,
    session: SessionDep,
    limit: Limit = 10,
    offset: Offset = 0,
    start: FromDate = None,
    end: ToDate = None,
    email: Annotated[str | None, Query(max_length=320)] = None,
    patient_id: PatientId = None,
) -> schemas.NoteList:
    rows, total = encounter_queries.list_with_provider_email(
        session,
        tenant_id=principal.tenant_id,
        dates=_dates(start, end),
        email=email,
        patient_ref=patient_id,
        page=Page(limit, offset),
    )
    items = [mappers.note_list_item(encounter, mail) for encounter, mail in rows]
    return schemas.NoteList(
        data=items, pagination=schemas.Pagination(limit=limit, offset=offset, total=total)
    )


@router.post("/notes")
def create_note(
    body: schemas.CreateNoteRequest,
    request: Request,
    principal: PrincipalDep,
    services: ServicesDep,
    session: SessionDep,
) -> dict[str, object]:
    request_data = encounters.NewEncounter(
        template_id=body.templateId,
        language=body.language,
        patient_ref=body.patientId,
        add_context=body.addContext,
        chunk_count=body.audioChunkCount,
    )
    encounter, chunks = encounters.create_encounter(
        session, principal=principal, request=request_data
    )
    base = public_base_url(request, services)
    urls = [
        base
        + services.signer.sign(
            method="PUT",
            path=upload_path(chunk),
            lifetime_seconds=services.settings.upload_url_lifetime_seconds,
        )
        for chunk in chunks
    ]
    if encounter.chunked:
        return {"id": str(encounter.id), "urls": urls}
    return {"id": str(encounter.id), "url": urls[0]}


@router.get("/notes/{id}", response_model=schemas.NoteResponse)
def get_note(
    id: uuid.UUID, principal: PrincipalDep, session: SessionDep, services: ServicesDep
) -> schemas.NoteResponse:
    view = encounter_view(session, tenant_id=principal.tenant_id, encounter_id=id)
    facts = omissions = None
    if view.note is not None:
        facts = facts_of(
            session, encounter=view.encounter, segments=view.segments, extractor=services.facts
        )
        omissions = omissions_of(view.note.text, facts, view.segments)
    return mappers.note_response(
        view.encounter, view.note, view.codes, view.segments, facts, omissions
    )


@router.get("/notes/{id}/transcription", response_model=schemas.TranscriptionResponse)
def get_transcription(
    id: uuid.UUID,
    principal: PrincipalDep,
    session: SessionDep,
) -> schemas.TranscriptionResponse:
    view = encounter_view(session, tenant_id=principal.tenant_id, encounter_id=id)
    return mappers.transcription_response(view.transcript, view.segments, view.chunks)


@router.get("/notes/{id}/billingcodes", response_model=schemas.BillingCodesResponse)
def get_billing_codes(
    id: uuid.UUID,
    principal: PrincipalDep,
    session: SessionDep,
) -> schemas.BillingCodesResponse:
    view = encounter_view(session, tenant_id=principal.tenant_id, encounter_id=id)
    return mappers.billing_codes_response(view.encounter, view.codes)


@router.put("/notes/{id}/billingcodes/{code}/thumbs", response_model=schemas.ThumbsResponse)
def set_billing_code_thumbs(
    id: uuid.UUID,
    code: Annotated[str, Path(max_length=20)],
    body: schemas.ThumbsRequest,
    principal: PrincipalDep,
    session: SessionDep,
) -> schemas.ThumbsResponse:
    """Murmur extension: records thumbs up/down (or null to clear) on a suggested code."""
    updated = coding.set_thumbs(
        session,
        tenant_id=principal.tenant_id,
        encounter_id=id,
        code=code,
        system=body.system,
        thumbs=coding.parse_thumbs(body.thumbs),
    )
    return schemas.ThumbsResponse(code=mappers.billing_code(updated))


@router.post("/notes/{id}/finish", response_model=schemas.FinishResponse)
def finish_note(
    id: uuid.UUID, principal: PrincipalDep, services: ServicesDep, session: SessionDep
) -> schemas.FinishResponse:
    encounters.finish_encounter(
        session,
        tenant_id=principal.tenant_id,
        encounter_id=id,
        max_attempts=services.settings.job_max_attempts,
    )
    return schemas.FinishResponse()


@router.get("/transcriptions", response_model=schemas.TranscriptionList)
def list_transcriptions(
    principal: PrincipalDep,
    session: SessionDep,
    limit: Limit = 10,
    offset: Offset = 0,
    start: FromDate = None,
    end: ToDate = None,
    status: Annotated[str | None, Query(pattern="^(pending|success|error)$")] = None,
    language: Annotated[str | None, Query(pattern="^(english|spanish)$")] = None,
    note_id: Annotated[uuid.UUID | None, Query(alias="noteId")] = None,
    patient_id: PatientId = None,
) -> schemas.TranscriptionList:
    rows, total = encounter_queries.list_transcripts(
        session,
        tenant_id=principal.tenant_id,
        dates=_dates(start, end),
        status=status,
        language=language,
        encounter_id=note_id,
        patient_ref=patient_id,
        page=Page(limit, offset),
    )
    items = [mappers.transcription_list_item(t) for t in rows]
    return schemas.TranscriptionList(
        data=items, pagination=schemas.Pagination(limit=limit, offset=offset, total=total)
    )
