"""Tenants, providers and the credentials that let them in."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from murmur.auth.secrets import hash_secret, new_secret, verify_secret
from murmur.errors import InvalidInput, NotFound, Unauthenticated
from murmur.tenancy import repository
from murmur.tenancy.models import ApiClient, ApiKey, Provider, Tenant

_API_KEY_PREFIX = "mk"


@dataclass(frozen=True, slots=True)
class IssuedCredential:
    public_id: str
    secret: str


def create_tenant(session: Session, *, name: str) -> Tenant:
    if not name.strip():
        raise InvalidInput("a tenant needs a name", field="name")
    tenant = Tenant(name=name.strip())
    session.add(tenant)
    session.flush()
    return tenant


def require_tenant(session: Session, tenant_id: uuid.UUID) -> Tenant:
    tenant = repository.get_tenant(session, tenant_id)
    if tenant is None:
        raise NotFound(f"tenant {tenant_id} does not exist")
    return tenant


def ensure_provider(
    session: Session, *, tenant: Tenant, email: str, internal_id: str | None = None
) -> Provider:
    email = email.strip()
    if "@" not in email:
        raise InvalidInput(f"{email!r} is not an email address", field="email")
    provider = repository.find_provider(session, tenant_id=tenant.id, email=email)
    if provider is None:
        provider = Provider(tenant_id=tenant.id, email=email, internal_id=internal_id)
        session.add(provider)
        session.flush()
    elif internal_id and provider.internal_id != internal_id:
        provider.internal_id = internal_id
    return provider


def create_client(session: Session, *, tenant: Tenant, email: str) -> IssuedCredential:
    provider = ensure_provider(session, tenant=tenant, email=email)
    client_id = f"pbc_{secrets.token_hex(12)}"
    secret = new_secret()
    session.add(
        ApiClient(
            client_id=client_id,
            secret_hash=hash_secret(secret),
            tenant_id=tenant.id,
            provider_id=provider.id,
        )
    )
    session.flush()
    return IssuedCredential(public_id=client_id, secret=secret)


def create_api_key(session: Session, *, tenant: Tenant) -> str:
    prefix = secrets.token_hex(8)
    secret = new_secret()
    session.add(ApiKey(prefix=prefix, key_hash=hash_secret(secret), tenant_id=tenant.id))
    session.flush()
    return f"{_API_KEY_PREFIX}_{prefix}_{secret}"


def authenticate_client(session: Session, *, client_id: str, secret: str) -> ApiClient:
    client = repository.find_client(session, client_id)
    if not verify_secret(client.secret_hash if client else None, secret) or client is None:
        raise Unauthenticated("unknown clientId or wrong secret")
    return client


def authenticate_api_key(session: Session, *, api_key: str) -> ApiKey:
    parts = api_key.split("_", 2)
    key = None
    if len(parts) == 3 and parts[0] == _API_KEY_PREFIX:
        key = repository.find_api_key(session, parts[1])
    candidate = parts[2] if len(parts) == 3 else api_key
    if not verify_secret(key.key_hash if key else None, candidate) or key is None:
        raise Unauthenticated("the API key is not valid")
    return key
