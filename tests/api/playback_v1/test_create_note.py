from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from murmur.encounters.service import get_encounter
from murmur.services import Services
from tests.builders import create_note, new_caller
from tests.contract import assert_playback_response


def test_single_file_note_gets_one_signed_url(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    created = create_note(client, caller, patientId="MRN1", language="english")
    assert_playback_response("/notes", "post", created)
    assert set(created) == {"id", "url"}
    assert f"/uploads/{created['id']}/0?" in created["url"]
    assert "signature=" in created["url"]


def test_chunked_note_gets_one_url_per_chunk_in_order(
    client: TestClient, services: Services
) -> None:
    caller = new_caller(services, client)
    created = create_note(client, caller, audioChunkCount=3)
    assert_playback_response("/notes", "post", created)
    paths = [urlsplit(url).path for url in created["urls"]]
    assert paths == [f"/uploads/{created['id']}/{i}" for i in range(3)]


def test_zero_chunk_count_means_single_file(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    assert "url" in create_note(client, caller, audioChunkCount=0)


def test_add_context_is_kept_as_json(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    context = {"allergies": ["Penicillin"], "notes": "prefers mornings", "nested": {"a": 1}}
    created = create_note(client, caller, addContext=context)
    with services.transactions.writing() as session:
        encounter = get_encounter(
            session, tenant_id=caller.tenant_id, encounter_id=uuid.UUID(created["id"])
        )
        assert encounter.add_context == context


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"unexpected": 1}, "unexpected"),
        ({"audioChunkCount": "5"}, "audioChunkCount"),
        ({"language": "french"}, "language"),
        ({"templateId": "not-a-uuid"}, "templateId"),
        ({"patientId": 123}, "patientId"),
        ({"addContext": ["not", "an", "object"]}, "addContext"),
        ({"templateId": "00000000-0000-4000-8000-000000000000"}, "templateId"),
        ({"audioChunkCount": 100000}, "audioChunkCount"),
    ],
)
def test_bad_fields_are_400_naming_the_field(
    client: TestClient, services: Services, body: dict[str, object], field: str
) -> None:
    caller = new_caller(services, client)
    response = client.post("/v1/notes", json=body, headers=caller.headers)
    assert response.status_code == 400, response.text
    assert response.json()["field"] == field
    assert field in response.json()["message"] or "template" in response.json()["message"]


def test_oversize_json_body_is_413(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    huge = {"addContext": {"notes": "x" * (services.settings.max_json_bytes + 10)}}
    response = client.post("/v1/notes", json=huge, headers=caller.headers)
    assert response.status_code == 413
    assert response.json()["success"] is False
