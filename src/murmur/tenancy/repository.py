from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from murmur.tenancy.models import ApiClient, ApiKey, Provider, Tenant


def get_tenant(session: Session, tenant_id: uuid.UUID) -> Tenant | None:
    return session.get(Tenant, tenant_id)


def find_provider(session: Session, *, tenant_id: uuid.UUID, email: str) -> Provider | None:
    return session.scalars(
        select(Provider).where(
            Provider.tenant_id == tenant_id, func.lower(Provider.email) == email.lower()
        )
    ).one_or_none()


def get_provider(
    session: Session, *, tenant_id: uuid.UUID, provider_id: uuid.UUID
) -> Provider | None:
    return session.scalars(
        select(Provider).where(Provider.tenant_id == tenant_id, Provider.id == provider_id)
    ).one_or_none()


def find_client(session: Session, client_id: str) -> ApiClient | None:
    return session.scalars(
        select(ApiClient).where(ApiClient.client_id == client_id, ApiClient.revoked_at.is_(None))
    ).one_or_none()


def find_api_key(session: Session, prefix: str) -> ApiKey | None:
    return session.scalars(
        select(ApiKey).where(ApiKey.prefix == prefix, ApiKey.revoked_at.is_(None))
    ).one_or_none()
