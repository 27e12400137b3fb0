"""Heidi sessions: create, read, patch only what is given, and the caller's paged list."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from murmur.services import Services
from murmur.tenancy import service as tenancy
from tests.api.heidi_v2.builders import HEIDI, assert_heidi_error, create_session, new_heidi_caller
from tests.builders import new_caller
from tests.contract import assert_heidi_response, assert_playback_response


def test_created_session_reads_back_with_defaults(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller, ehr_appointment_id="APT-9")
    response = client.get(f"{HEIDI}/sessions/{session_id}", headers=caller.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert_heidi_response("/sessions/{session_id}", "get", body)
    assert body["session_id"] == session_id
    assert body["ehr_appointment_id"] == "APT-9"
    assert body["clinician_notes"] == []
    assert body["consent_obtained"] is False
    assert body["consult_note"] == {}
    assert body["audio"]["chunks"] == 0


def test_patch_changes_only_given_fields(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    other = create_session(client, caller)
    url = f"{HEIDI}/sessions/{session_id}"
    first = client.patch(
        url,
        json={
            "duration": 754,
            "language_code": "en-AU",
            "clinician_notes": ["Allergic to penicillin"],
            "consent_obtained": True,
            "patient": {"name": "Ana Ruiz", "gender": "female"},
            "ehr_patient_id": "MRN-1",
            "linked_sessions_for_context": [other],
        },
        headers=caller.headers,
    )
    assert first.status_code == 200, first.text
    assert_heidi_response("/sessions/{session_id}", "patch", first.json())
    second = client.patch(url, json={"duration": 800}, headers=caller.headers).json()
    assert second["duration"] == 800
    assert second["language_code"] == "en-AU"
    assert second["clinician_notes"] == ["Allergic to penicillin"]
    assert second["consent_obtained"] is True
    assert second["patient"] == {"name": "Ana Ruiz", "gender": "female"}
    assert second["ehr_patient_id"] == "MRN-1"
    assert second["linked_sessions_for_context"] == [other]


def test_patched_patient_id_is_what_playback_filters_on(
    client: TestClient, services: Services
) -> None:
    heidi = new_heidi_caller(services, client, email="gp@clinic.example")
    session_id = create_session(client, heidi)
    client.patch(
        f"{HEIDI}/sessions/{session_id}", json={"ehr_patient_id": "MRN-77"}, headers=heidi.headers
    )
    with_playback = _playback_in_same_tenant(services, client, heidi.tenant_id)
    listed = client.get("/v1/notes", params={"patientId": "MRN-77"}, headers=with_playback)
    assert [item["noteId"] for item in listed.json()["data"]] == [session_id]
    for path in ("/notes/{id}", "/notes/{id}/transcription", "/notes/{id}/billingcodes"):
        seen = client.get("/v1" + path.format(id=session_id), headers=with_playback)
        assert seen.status_code == 200, seen.text
        assert_playback_response(path, "get", seen.json())


def _playback_in_same_tenant(
    services: Services, client: TestClient, tenant_id: uuid.UUID
) -> dict[str, str]:
    with services.transactions.writing() as session:
        tenant = tenancy.require_tenant(session, tenant_id)
        credential = tenancy.create_client(session, tenant=tenant, email="pb@clinic.example")
    token = client.post(
        "/v1/authorize", json={"clientId": credential.public_id, "secret": credential.secret}
    ).json()["idToken"]
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"language_code": "fr"}, "language_code"),
        ({"output_language_code": "de-DE"}, "output_language_code"),
        ({"duration": -1}, "duration"),
        ({"clinician_notes": "not a list"}, "clinician_notes"),
        ({"linked_sessions_for_context": ["not-a-uuid"]}, "linked_sessions_for_context"),
        ({"consent_obtained": "maybe"}, "consent_obtained"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_patch_is_400_and_changes_nothing(
    client: TestClient, services: Services, body: dict[str, object], field: str
) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    url = f"{HEIDI}/sessions/{session_id}"
    client.patch(url, json={"duration": 5}, headers=caller.headers)
    response = client.patch(url, json={"duration": 9, **body}, headers=caller.headers)
    assert_heidi_error(response, 400, "ValidationError")
    assert field in response.json()["detail"]["msg"]
    assert client.get(url, headers=caller.headers).json()["duration"] == 5


def test_a_session_cannot_link_itself(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    response = client.patch(
        f"{HEIDI}/sessions/{session_id}",
        json={"linked_sessions_for_context": [session_id]},
        headers=caller.headers,
    )
    assert_heidi_error(response, 400, "ValidationError")


@pytest.mark.parametrize("session_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_unknown_session_is_404(client: TestClient, services: Services, session_id: str) -> None:
    caller = new_heidi_caller(services, client)
    for method in ("get", "patch"):
        response = client.request(
            method, f"{HEIDI}/sessions/{session_id}", json={}, headers=caller.headers
        )
        assert_heidi_error(response, 404, "SessionNotFoundError")


def test_linked_user_pages_through_own_sessions(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    created = [create_session(client, caller) for _ in range(5)]
    url = f"{HEIDI}/sessions/linked-user"
    first = client.get(url, params={"page_size": 2}, headers=caller.headers).json()
    assert_heidi_response("/sessions/linked-user", "get", first)
    assert (first["count"], first["total_count"]) == (2, 5)
    assert (first["has_next"], first["has_previous"]) == (True, False)
    last = client.get(url, params={"page_size": 2, "page": 3}, headers=caller.headers).json()
    assert (last["count"], last["has_next"], last["has_previous"]) == (1, False, True)
    seen = []
    for page in (1, 2, 3):
        listed = client.get(url, params={"page_size": 2, "page": page}, headers=caller.headers)
        seen += [item["session_id"] for item in listed.json()["data"]]
    assert sorted(seen) == sorted(created)
    assert seen[0] == created[-1]


@pytest.mark.parametrize(
    "params", [{"page_size": 0}, {"page_size": 201}, {"page": 0}, {"page_size": "x"}]
)
def test_bad_pagination_is_400(
    client: TestClient, services: Services, params: dict[str, object]
) -> None:
    caller = new_heidi_caller(services, client)
    response = client.get(f"{HEIDI}/sessions/linked-user", params=params, headers=caller.headers)
    assert_heidi_error(response, 400, "ValidationError")


def test_playback_notes_are_not_in_the_heidi_users_list(
    client: TestClient, services: Services
) -> None:
    heidi = new_heidi_caller(services, client)
    playback = new_caller(services, client)
    client.post("/v1/notes", json={}, headers=playback.headers)
    listed = client.get(f"{HEIDI}/sessions/linked-user", headers=heidi.headers).json()
    assert listed["total_count"] == 0
