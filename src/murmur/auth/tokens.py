"""Signed, expiring JWTs that name the tenant and provider behind every API call."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import jwt

from murmur.errors import Unauthenticated

ISSUER = "murmur"
_ALGORITHM = "HS256"


@dataclass(frozen=True, slots=True)
class Principal:
    tenant_id: uuid.UUID
    provider_id: uuid.UUID
    audience: str


@dataclass(frozen=True, slots=True)
class TokenService:
    key: bytes
    lifetime_seconds: int

    def issue(self, principal: Principal, *, now: float | None = None) -> tuple[str, int]:
        issued = int(now if now is not None else time.time())
        expires = issued + self.lifetime_seconds
        claims = {
            "iss": ISSUER,
            "aud": principal.audience,
            "sub": str(principal.provider_id),
            "tid": str(principal.tenant_id),
            "iat": issued,
            "exp": expires,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self.key, algorithm=_ALGORITHM), expires

    def verify(self, token: str, *, audience: str) -> Principal:
        try:
            claims = jwt.decode(
                token,
                self.key,
                algorithms=[_ALGORITHM],
                audience=audience,
                issuer=ISSUER,
                options={"require": ["exp", "iat", "sub", "tid", "aud", "iss"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("the token has expired; authorize again") from None
        except jwt.InvalidAudienceError:
            raise Unauthenticated("the token was issued for a different API") from None
        except jwt.InvalidTokenError as error:
            raise Unauthenticated(f"the token is not valid: {error}") from None
        try:
            return Principal(
                tenant_id=uuid.UUID(str(claims["tid"])),
                provider_id=uuid.UUID(str(claims["sub"])),
                audience=audience,
            )
        except ValueError:
            raise Unauthenticated("the token is not valid: malformed subject") from None
