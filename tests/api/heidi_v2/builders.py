"""Builders for the Heidi API tests: a tenant with an API key, a JWT, sessions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi.testclient import TestClient

from murmur.services import Services
from murmur.tenancy import service as tenancy
from tests.contract import assert_heidi_response

HEIDI = "/api/v2/ml-scribe/open-api"


@dataclass(frozen=True)
class HeidiCaller:
    tenant_id: uuid.UUID
    api_key: str
    email: str
    headers: dict[str, str]


def new_heidi_caller(
    services: Services,
    client: TestClient,
    *,
    email: str = "doctor@clinic.example",
    internal_id: str = "ehr-user-1",
    tenant_name: str = "General Hospital",
) -> HeidiCaller:
    with services.transactions.writing() as session:
        tenant = tenancy.create_tenant(session, name=tenant_name)
        api_key = tenancy.create_api_key(session, tenant=tenant)
        tenant_id = tenant.id
    return heidi_login(client, tenant_id, api_key, email=email, internal_id=internal_id)


def heidi_login(
    client: TestClient,
    tenant_id: uuid.UUID,
    api_key: str,
    *,
    email: str,
    internal_id: str,
) -> HeidiCaller:
    response = client.get(
        f"{HEIDI}/jwt",
        params={"email": email, "third_party_internal_id": internal_id},
        headers={"Heidi-Api-Key": api_key},
    )
    assert response.status_code == 200, response.text
    assert_heidi_response("/jwt", "get", response.json())
    token = response.json()["token"]
    return HeidiCaller(tenant_id, api_key, email, {"Authorization": f"Bearer {token}"})


def create_session(client: TestClient, caller: HeidiCaller, **body: Any) -> str:
    response = client.post(f"{HEIDI}/sessions", json=body, headers=caller.headers)
    assert response.status_code == 200, response.text
    assert_heidi_response("/sessions", "post", response.json())
    session_id: str = response.json()["session_id"]
    return session_id


def assert_heidi_error(response: httpx.Response, status: int, error_type: str) -> None:
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert detail["type"] == error_type, detail
    assert isinstance(detail["msg"], str)
    assert detail["msg"]
