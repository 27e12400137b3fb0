from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from murmur.encounters.models import Encounter
from murmur.services import Services
from murmur.transcripts.models import Transcript
from tests.builders import create_note, new_caller, second_client_in_tenant
from tests.contract import assert_playback_response


def backdate(services: Services, note_id: str, moment: datetime) -> None:
    with services.transactions.writing() as session:
        encounter_id = uuid.UUID(note_id)
        session.execute(
            update(Encounter).where(Encounter.id == encounter_id).values(created_at=moment)
        )
        session.execute(
            update(Transcript)
            .where(Transcript.encounter_id == encounter_id)
            .values(created_at=moment)
        )


def test_notes_are_newest_first_with_total(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    ids = [create_note(client, caller)["id"] for _ in range(3)]
    for day, note_id in enumerate(ids, start=1):
        backdate(services, note_id, datetime(2025, 9, day, 9, 0, tzinfo=UTC))
    response = client.get("/v1/notes", params={"limit": 2}, headers=caller.headers)
    body = response.json()
    assert_playback_response("/notes", "get", body)
    assert [item["noteId"] for item in body["data"]] == [ids[2], ids[1]]
    assert body["pagination"] == {"limit": 2, "offset": 0, "total": 3}
    page_two = client.get("/v1/notes", params={"limit": 2, "offset": 2}, headers=caller.headers)
    assert [item["noteId"] for item in page_two.json()["data"]] == [ids[0]]


def test_date_filters_are_inclusive(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    moments = [
        datetime(2025, 8, 31, 23, 59, tzinfo=UTC),
        datetime(2025, 9, 1, 0, 0, tzinfo=UTC),
        datetime(2025, 9, 11, 23, 59, 59, tzinfo=UTC),
        datetime(2025, 9, 12, 0, 0, tzinfo=UTC),
    ]
    ids = []
    for moment in moments:
        note_id = create_note(client, caller)["id"]
        backdate(services, note_id, moment)
        ids.append(note_id)
    params = {"from": "2025-09-01", "to": "2025-09-11"}
    listed = client.get("/v1/notes", params=params, headers=caller.headers).json()
    assert {item["noteId"] for item in listed["data"]} == {ids[1], ids[2]}
    transcriptions = client.get("/v1/transcriptions", params=params, headers=caller.headers)
    assert {item["noteId"] for item in transcriptions.json()["data"]} == {ids[1], ids[2]}


def test_email_and_patient_filters(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client, email="first@clinic.example")
    colleague = second_client_in_tenant(services, client, caller, email="second@clinic.example")
    mine = create_note(client, caller, patientId="MRN-1")["id"]
    theirs = create_note(client, colleague, patientId="MRN-2")["id"]
    by_email = client.get(
        "/v1/notes", params={"email": "SECOND@clinic.example"}, headers=caller.headers
    ).json()
    assert [item["noteId"] for item in by_email["data"]] == [theirs]
    assert by_email["data"][0]["email"] == "second@clinic.example"
    by_patient = client.get(
        "/v1/notes", params={"patientId": "MRN-1"}, headers=caller.headers
    ).json()
    assert [(i["noteId"], i["patientId"]) for i in by_patient["data"]] == [(mine, "MRN-1")]
    assert by_patient["pagination"]["total"] == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"from": "2025-13-01"}, "from"),
        ({"from": "2025-09-11", "to": "2025-09-01"}, "from"),
    ],
)
@pytest.mark.parametrize("path", ["/v1/notes", "/v1/transcriptions"])
def test_out_of_range_paging_and_dates_are_400(
    client: TestClient, services: Services, path: str, params: dict[str, object], field: str
) -> None:
    caller = new_caller(services, client)
    response = client.get(path, params=params, headers=caller.headers)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["message"]


def test_transcription_filters(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    english = create_note(client, caller, language="english", patientId="P1")["id"]
    spanish = create_note(client, caller, language="spanish", patientId="P2")["id"]

    def listed(**params: str) -> list[str]:
        response = client.get("/v1/transcriptions", params=params, headers=caller.headers)
        assert response.status_code == 200
        assert_playback_response("/transcriptions", "get", response.json())
        return [item["noteId"] for item in response.json()["data"]]

    assert listed(language="spanish") == [spanish]
    assert listed(patientId="P1") == [english]
    assert listed(noteId=english) == [english]
    assert sorted(listed(status="pending")) == sorted([english, spanish])
    assert listed(status="success") == []
    bad = client.get("/v1/transcriptions", params={"status": "done"}, headers=caller.headers)
    assert bad.status_code == 400
    bad_id = client.get("/v1/transcriptions", params={"noteId": "123"}, headers=caller.headers)
    assert bad_id.status_code == 400
