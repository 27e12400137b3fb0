"""The Heidi Health API v2 surface, mounted at ``/api/v2/ml-scribe/open-api``. Handlers stay
thin: take the request's session, call one service, map to the wire shape."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from murmur.api.deps import CallerAddress, ServicesDep, SessionDep
from murmur.api.heidi_v2 import (
    audio,
    codes,
    context_documents,
    facts,
    notes,
    patients,
    schemas,
    sessions,
    sign_off,
    unaddressed,
)
from murmur.api.heidi_v2.auth import AUDIENCE, ApiKeyHeader
from murmur.auth.tokens import Principal
from murmur.errors import Unauthenticated
from murmur.tenancy import repository as tenants
from murmur.tenancy import service as tenancy

_REFUSED_CLIENT = "unknown client_id or wrong client_secret"

router = APIRouter()
router.include_router(patients.router)
router.include_router(sessions.router)
router.include_router(audio.router)
router.include_router(context_documents.router)
router.include_router(notes.router)
router.include_router(codes.router)
router.include_router(sign_off.router)
router.include_router(facts.router)
router.include_router(unaddressed.router)


@router.get("/jwt", response_model=schemas.JwtResponse)
def get_jwt(
    services: ServicesDep,
    session: SessionDep,
    email: Annotated[str, Query(min_length=3, max_length=320)],
    third_party_internal_id: Annotated[str, Query(min_length=1, max_length=200)],
    caller: CallerAddress,
    api_key: ApiKeyHeader = None,
) -> schemas.JwtResponse:
    if not api_key:
        raise Unauthenticated("send the tenant's API key in the 'Heidi-Api-Key' header")
    with services.sign_ins.attempt(caller):
        key = tenancy.authenticate_api_key(session, api_key=api_key)
        tenant = tenancy.require_tenant(session, key.tenant_id)
        provider = tenancy.ensure_provider(
            session, tenant=tenant, email=email, internal_id=third_party_internal_id
        )
        principal = Principal(tenant.id, provider.id, AUDIENCE)
    token, expires = services.tokens.issue(principal)
    return schemas.JwtResponse(token=token, expiration_time=datetime.fromtimestamp(expires, UTC))


@router.post("/jwt", response_model=schemas.ClientJwtResponse, tags=["Murmur extension"])
def post_jwt(
    body: schemas.ClientCredentials,
    caller: CallerAddress,
    services: ServicesDep,
    session: SessionDep,
) -> schemas.ClientJwtResponse:
    """Client credentials buy the same token as ``GET /jwt``, for the clinician the client was
    created for (a Murmur extension: the web page's second way to sign in)."""
    with services.sign_ins.attempt(caller):
        try:
            client = tenancy.authenticate_client(
                session, client_id=body.client_id, secret=body.client_secret
            )
        except Unauthenticated:
            raise Unauthenticated(_REFUSED_CLIENT) from None
        provider = tenants.get_provider(
            session, tenant_id=client.tenant_id, provider_id=client.provider_id
        )
        if provider is None:
            raise Unauthenticated(_REFUSED_CLIENT)
        principal = Principal(client.tenant_id, client.provider_id, AUDIENCE)
        email = provider.email
    token, expires = services.tokens.issue(principal)
    return schemas.ClientJwtResponse(
        token=token, expiration_time=datetime.fromtimestamp(expires, UTC), email=email
    )
