"""Heidi auth: a tenant API key plus the EHR user's email and internal id buy a bearer JWT."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from murmur.api.deps import ServicesDep
from murmur.auth.tokens import Principal
from murmur.errors import Unauthenticated

AUDIENCE = "heidi-v2"
_bearer = HTTPBearer(auto_error=False)

ApiKeyHeader = Annotated[str | None, Header(alias="Heidi-Api-Key")]


def heidi_principal(
    services: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller's tenant and provider, from the JWT that GET /jwt issued."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("send the token from GET /jwt as 'Authorization: Bearer <token>'")
    return services.tokens.verify(credentials.credentials, audience=AUDIENCE)


HeidiPrincipalDep = Annotated[Principal, Depends(heidi_principal)]
