from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from murmur.api.deps import ServicesDep
from murmur.auth.tokens import Principal
from murmur.errors import Unauthenticated

AUDIENCE = "playback-v1"
_bearer = HTTPBearer(auto_error=False)


def playback_principal(
    services: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("send the idToken from POST /v1/authorize as 'Authorization: Bearer'")
    return services.tokens.verify(credentials.credentials, audience=AUDIENCE)


PrincipalDep = Annotated[Principal, Depends(playback_principal)]
