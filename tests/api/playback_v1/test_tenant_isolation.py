"""Every Playback operation, called by another tenant, behaves as if the note did not exist."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from murmur.services import Services
from tests.builders import Caller, create_note, new_caller, upload


@pytest.fixture
def two_tenants(client: TestClient, services: Services) -> tuple[Caller, Caller, str]:
    owner = new_caller(services, client, email="owner@a.example", tenant_name="A")
    other = new_caller(services, client, email="owner@a.example", tenant_name="B")
    created = create_note(client, owner, patientId="SHARED-MRN")
    upload(client, created["url"], b"audio")
    return owner, other, created["id"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/v1/notes/{id}"),
        ("get", "/v1/notes/{id}/transcription"),
        ("get", "/v1/notes/{id}/billingcodes"),
        ("post", "/v1/notes/{id}/finish"),
    ],
)
def test_other_tenant_gets_404(
    client: TestClient, two_tenants: tuple[Caller, Caller, str], method: str, path: str
) -> None:
    owner, other, note_id = two_tenants
    response = client.request(method, path.format(id=note_id), headers=other.headers)
    assert response.status_code == 404
    assert client.request(method, path.format(id=note_id), headers=owner.headers).status_code == 200


def test_other_tenant_lists_see_nothing(
    client: TestClient, two_tenants: tuple[Caller, Caller, str]
) -> None:
    owner, other, note_id = two_tenants
    for params in ({}, {"patientId": "SHARED-MRN"}, {"email": owner.email}):
        notes = client.get("/v1/notes", params=params, headers=other.headers).json()
        assert notes["data"] == []
        assert notes["pagination"]["total"] == 0
    for params in ({}, {"noteId": note_id}, {"patientId": "SHARED-MRN"}):
        listed = client.get("/v1/transcriptions", params=params, headers=other.headers).json()
        assert listed["data"] == []
        assert listed["pagination"]["total"] == 0
    own = client.get("/v1/notes", headers=owner.headers).json()
    assert [item["noteId"] for item in own["data"]] == [note_id]


def test_other_tenant_notes_stay_theirs(
    client: TestClient, two_tenants: tuple[Caller, Caller, str]
) -> None:
    owner, other, _ = two_tenants
    theirs = create_note(client, other)["id"]
    own = client.get("/v1/notes", headers=owner.headers).json()
    assert theirs not in [item["noteId"] for item in own["data"]]


def test_credentials_of_one_tenant_do_not_mix_with_another(
    client: TestClient, two_tenants: tuple[Caller, Caller, str]
) -> None:
    owner, other, _ = two_tenants
    response = client.post(
        "/v1/authorize", json={"clientId": owner.client_id, "secret": other.secret}
    )
    assert response.status_code == 401
