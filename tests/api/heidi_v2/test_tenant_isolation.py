"""Every Heidi operation on another tenant's session, profile, recording or document behaves
as if it did not exist, and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from murmur.services import Services
from tests.api.heidi_v2.builders import (
    HEIDI,
    HeidiCaller,
    assert_heidi_error,
    create_session,
    new_heidi_caller,
)

WAV = ("a.wav", b"RIFF0000", "audio/wav")


@dataclass(frozen=True)
class World:
    owner: HeidiCaller
    other: HeidiCaller
    session_id: str
    profile_id: str
    recording_id: str
    document_id: str
    other_session_id: str


@pytest.fixture
def world(client: TestClient, services: Services) -> World:
    # Same user identity in both tenants: only the API key tells them apart.
    owner = new_heidi_caller(services, client, tenant_name="A")
    other = new_heidi_caller(services, client, tenant_name="B")
    profile = client.post(
        f"{HEIDI}/patient-profiles", json={"ehr_patient_id": "MRN-SHARED"}, headers=owner.headers
    ).json()
    session_id = create_session(client, owner, patient_profile_id=profile["id"])
    recording = client.post(
        f"{HEIDI}/sessions/{session_id}/restful-segment-transcription", headers=owner.headers
    ).json()
    document = client.post(
        f"{HEIDI}/sessions/{session_id}/context-documents",
        files={"file": ("a.txt", b"secret history", "text/plain")},
        headers=owner.headers,
    ).json()
    return World(
        owner,
        other,
        session_id,
        profile["id"],
        recording["recording_id"],
        document["id"],
        create_session(client, other),
    )


SESSION_OPERATIONS = [
    ("get", "/sessions/{s}", {}),
    ("patch", "/sessions/{s}", {"json": {"duration": 1}}),
    ("get", "/sessions/{s}/context-documents", {}),
    ("post", "/sessions/{s}/context-documents", {"files": {"file": ("b.txt", b"x", "text/plain")}}),
    ("delete", "/sessions/{s}/context-documents", {"params": {"ids": "{d}"}}),
    ("post", "/sessions/{s}/upload-audio", {"files": {"file": WAV}}),
    ("post", "/sessions/{s}/restful-segment-transcription", {}),
    (
        "post",
        "/sessions/{s}/restful-segment-transcription/{r}:transcribe",
        {"files": {"file": WAV}, "data": {"index": "0"}},
    ),
    ("post", "/sessions/{s}/restful-segment-transcription/{r}:finish", {}),
    ("get", "/sessions/{s}/transcript", {}),
    ("get", "/sessions/{s}/transcript/live", {}),
    ("get", "/sessions/{s}/facts", {}),
    ("get", "/sessions/{s}/consult-note/sign-off", {}),
    ("post", "/sessions/{s}/consult-note/sign-off", {"json": {"content": "forged"}}),
    ("post", "/sessions/{s}/consult-note/unaddressed", {"json": {"content": "Plan: rest."}}),
]


def _fill(value: object, world: World) -> object:
    if isinstance(value, str):
        return value.format(s=world.session_id, r=world.recording_id, d=world.document_id)
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("method", "path", "extra"), SESSION_OPERATIONS)
def test_other_tenant_cannot_reach_the_session(
    client: TestClient, world: World, method: str, path: str, extra: dict[str, object]
) -> None:
    kwargs = {key: _fill(value, world) for key, value in extra.items()}
    url = HEIDI + str(_fill(path, world))
    response = client.request(method, url, headers=world.other.headers, **kwargs)  # type: ignore[arg-type]
    assert_heidi_error(response, 404, "SessionNotFoundError")
    owner_view = client.get(f"{HEIDI}/sessions/{world.session_id}", headers=world.owner.headers)
    assert owner_view.json()["duration"] == 0
    assert owner_view.json()["audio"]["chunks"] == 0
    documents = client.get(
        f"{HEIDI}/sessions/{world.session_id}/context-documents", headers=world.owner.headers
    ).json()["data"]
    assert [d["id"] for d in documents] == [world.document_id]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/patient-profiles/{p}", None),
        ("patch", "/patient-profiles/{p}", {"first_name": "Mallory"}),
        ("post", "/patient-profiles/{p}/sessions", {"session_id": "{o}"}),
    ],
)
def test_other_tenant_cannot_reach_the_profile(
    client: TestClient, world: World, method: str, path: str, body: dict[str, str] | None
) -> None:
    url = HEIDI + path.format(p=world.profile_id)
    payload = {k: v.format(o=world.other_session_id) for k, v in (body or {}).items()}
    response = client.request(method, url, json=payload or None, headers=world.other.headers)
    assert_heidi_error(response, 404, "PatientProfileNotFoundError")
    owned = client.get(f"{HEIDI}/patient-profiles/{world.profile_id}", headers=world.owner.headers)
    assert "first_name" not in owned.json()


def test_other_tenant_cannot_delete_or_list_profiles(client: TestClient, world: World) -> None:
    deleted = client.post(
        f"{HEIDI}/patient-profiles:batch-delete",
        json={"patient_profile_ids": [world.profile_id]},
        headers=world.other.headers,
    )
    assert deleted.json() == {"deleted": 0}
    for params in ({}, {"ehr_patient_id": "MRN-SHARED"}):
        listed = client.get(f"{HEIDI}/patient-profiles", params=params, headers=world.other.headers)
        assert listed.json()["data"] == []
    owned = client.get(f"{HEIDI}/patient-profiles/{world.profile_id}", headers=world.owner.headers)
    assert owned.status_code == 200


def test_other_tenant_objects_cannot_be_linked_or_used(client: TestClient, world: World) -> None:
    linked = client.post(
        f"{HEIDI}/patient-profiles/{world.profile_id}/sessions",
        json={"session_id": world.other_session_id},
        headers=world.owner.headers,
    )
    assert_heidi_error(linked, 404, "SessionNotFoundError")
    context = client.patch(
        f"{HEIDI}/sessions/{world.other_session_id}",
        json={"linked_sessions_for_context": [world.session_id]},
        headers=world.other.headers,
    )
    assert_heidi_error(context, 400, "ValidationError")
    created = client.post(
        f"{HEIDI}/sessions",
        json={"patient_profile_id": world.profile_id},
        headers=world.other.headers,
    )
    assert_heidi_error(created, 404, "PatientProfileNotFoundError")
    stolen_document = client.delete(
        f"{HEIDI}/sessions/{world.other_session_id}/context-documents",
        params={"ids": world.document_id},
        headers=world.other.headers,
    )
    assert_heidi_error(stolen_document, 404, "ContextDocumentNotFoundError")
    stolen_recording = client.post(
        f"{HEIDI}/sessions/{world.other_session_id}/restful-segment-transcription/"
        f"{world.recording_id}:finish",
        headers=world.other.headers,
    )
    assert_heidi_error(stolen_recording, 404, "RecordingNotFoundError")


def test_linked_user_lists_only_own_tenant(client: TestClient, world: World) -> None:
    listed = client.get(f"{HEIDI}/sessions/linked-user", headers=world.other.headers).json()
    assert [s["session_id"] for s in listed["data"]] == [world.other_session_id]
