"""Small typed builders for the API tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from murmur.engines.notes.grounded.writer import GroundedNoteWriter
from murmur.engines.notes.llm.client import ChatClient
from murmur.engines.notes.llm.writer import LlmNoteWriter
from murmur.services import Services
from murmur.tenancy import service as tenancy


@dataclass(frozen=True)
class Caller:
    tenant_id: uuid.UUID
    email: str
    client_id: str
    secret: str
    headers: dict[str, str]


def new_caller(
    services: Services,
    client: TestClient,
    *,
    email: str = "doctor@clinic.example",
    tenant_name: str = "General Hospital",
) -> Caller:
    with services.transactions.writing() as session:
        tenant = tenancy.create_tenant(session, name=tenant_name)
        credential = tenancy.create_client(session, tenant=tenant, email=email)
        tenant_id = tenant.id
    response = client.post(
        "/v1/authorize", json={"clientId": credential.public_id, "secret": credential.secret}
    )
    assert response.status_code == 200, response.text
    token = response.json()["idToken"]
    return Caller(
        tenant_id=tenant_id,
        email=email,
        client_id=credential.public_id,
        secret=credential.secret,
        headers={"Authorization": f"Bearer {token}"},
    )


def second_client_in_tenant(
    services: Services, client: TestClient, caller: Caller, *, email: str
) -> Caller:
    with services.transactions.writing() as session:
        tenant = tenancy.require_tenant(session, caller.tenant_id)
        credential = tenancy.create_client(session, tenant=tenant, email=email)
    token = client.post(
        "/v1/authorize", json={"clientId": credential.public_id, "secret": credential.secret}
    ).json()["idToken"]
    return Caller(
        caller.tenant_id,
        email,
        credential.public_id,
        credential.secret,
        {"Authorization": f"Bearer {token}"},
    )


def create_note(client: TestClient, caller: Caller, **body: Any) -> dict[str, Any]:
    response = client.post("/v1/notes", json=body, headers=caller.headers)
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()
    return created


def upload(client: TestClient, url: str, data: bytes, content_type: str = "audio/wav") -> None:
    response = client.put(url, content=data, headers={"Content-Type": content_type})
    assert response.status_code == 200, response.text


def use_llm_engine(services: Services, *, url: str, timeout_seconds: float = 10) -> None:
    """What ``MURMUR_NOTE_ENGINE=llm`` builds, against the chat server at ``url``: the LLM note
    writer (grounded behind it) for the pipeline and the API, and the model for Ask AI."""
    model = ChatClient(base_url=url, model="m", timeout_seconds=timeout_seconds)
    writer = LlmNoteWriter(client=model, fallback=GroundedNoteWriter())
    services.note_writer = writer
    services.pipeline.note_writer = writer
    services.answer_model = model
