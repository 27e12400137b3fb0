"""Hashing of client secrets and API keys (argon2id); plaintext is shown once, never stored."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verifying against this when no credential row matches keeps response times alike, so an
# unknown client id cannot be told apart from a wrong secret by timing.
_DUMMY_HASH = _hasher.hash("murmur-timing-equaliser")


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def hash_secret(secret: str) -> str:
    return _hasher.hash(secret)


def verify_secret(secret_hash: str | None, candidate: str) -> bool:
    try:
        return _hasher.verify(secret_hash or _DUMMY_HASH, candidate) and secret_hash is not None
    except (VerificationError, InvalidHashError):
        return False
