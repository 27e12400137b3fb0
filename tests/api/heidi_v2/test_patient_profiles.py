"""Patient profiles: create, list with filters, get, patch only given fields, batch delete,
link a session."""

from __future__ import annotations

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
from tests.contract import assert_heidi_response

PROFILES = f"{HEIDI}/patient-profiles"


def _create(client: TestClient, caller: HeidiCaller, **body: object) -> dict[str, object]:
    response = client.post(PROFILES, json=body, headers=caller.headers)
    assert response.status_code == 200, response.text
    created: dict[str, object] = response.json()
    assert_heidi_response("/patient-profiles", "post", created)
    return created


def test_profile_reads_back_and_patch_keeps_other_fields(
    client: TestClient, services: Services
) -> None:
    caller = new_heidi_caller(services, client)
    created = _create(
        client,
        caller,
        first_name="Ana",
        last_name="Ruiz",
        date_of_birth="1980-02-29",
        gender="female",
        ehr_patient_id="MRN-1",
        provider="gp@clinic.example",
    )
    url = f"{PROFILES}/{created['id']}"
    got = client.get(url, headers=caller.headers).json()
    assert_heidi_response("/patient-profiles/{patient_profile_id}", "get", got)
    assert got == created
    patched = client.patch(url, json={"last_name": "Ruiz-Soto"}, headers=caller.headers)
    assert patched.status_code == 200, patched.text
    assert_heidi_response("/patient-profiles/{patient_profile_id}", "patch", patched.json())
    body = patched.json()
    assert body["last_name"] == "Ruiz-Soto"
    assert (body["first_name"], body["date_of_birth"], body["ehr_patient_id"]) == (
        "Ana",
        "1980-02-29",
        "MRN-1",
    )
    assert body["updated_at"] > body["created_at"]
    cleared = client.patch(url, json={"gender": None}, headers=caller.headers).json()
    assert "gender" not in cleared, "a cleared field is left out, as the spec has no nulls"
    assert cleared["last_name"] == "Ruiz-Soto"


def test_list_filters_by_ehr_id_and_provider(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    first = _create(client, caller, ehr_patient_id="MRN-1", provider="a@x.example")
    second = _create(client, caller, ehr_patient_id="MRN-2", provider="a@x.example")
    _create(client, caller, ehr_patient_id="MRN-3", provider="b@x.example")

    def ids(**params: str) -> list[object]:
        response = client.get(PROFILES, params=params, headers=caller.headers)
        assert_heidi_response("/patient-profiles", "get", response.json())
        return [item["id"] for item in response.json()["data"]]

    assert ids(ehr_patient_id="MRN-1") == [first["id"]]
    assert sorted(map(str, ids(provider="a@x.example"))) == sorted([first["id"], second["id"]])
    assert ids(ehr_patient_id="MRN-2", provider="b@x.example") == []
    assert len(ids()) == 3


def test_batch_delete_removes_given_profiles_and_unlinks_sessions(
    client: TestClient, services: Services
) -> None:
    caller = new_heidi_caller(services, client)
    doomed = _create(client, caller, first_name="Gone")
    kept = _create(client, caller, first_name="Kept")
    session_id = create_session(client, caller, patient_profile_id=doomed["id"])
    response = client.post(
        f"{PROFILES}:batch-delete",
        json={"patient_profile_ids": [doomed["id"], "not-an-id"]},
        headers=caller.headers,
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"deleted": 1}
    assert_heidi_error(
        client.get(f"{PROFILES}/{doomed['id']}", headers=caller.headers),
        404,
        "PatientProfileNotFoundError",
    )
    assert client.get(f"{PROFILES}/{kept['id']}", headers=caller.headers).status_code == 200
    session = client.get(f"{HEIDI}/sessions/{session_id}", headers=caller.headers).json()
    assert session["patient_profile_id"] is None


def test_linking_a_session_shows_the_patient_on_it(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    profile = _create(
        client, caller, first_name="Ana", last_name="Ruiz", ehr_patient_id="MRN-5", gender="female"
    )
    session_id = create_session(client, caller)
    response = client.post(
        f"{PROFILES}/{profile['id']}/sessions",
        json={"session_id": session_id},
        headers=caller.headers,
    )
    assert response.status_code == 200, response.text
    session = client.get(f"{HEIDI}/sessions/{session_id}", headers=caller.headers).json()
    assert session["patient_profile_id"] == profile["id"]
    assert session["patient"]["name"] == "Ana Ruiz"
    assert session["ehr_patient_id"] == "MRN-5"


@pytest.mark.parametrize(
    "body",
    [
        {"date_of_birth": "29/02/1980"},
        {"first_name": 12},
        {"nickname": "Annie"},
        {"first_name": "x" * 201},
    ],
)
def test_bad_profile_fields_are_400(
    client: TestClient, services: Services, body: dict[str, object]
) -> None:
    caller = new_heidi_caller(services, client)
    assert_heidi_error(
        client.post(PROFILES, json=body, headers=caller.headers), 400, "ValidationError"
    )


def test_unknown_ids_are_404(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    profile = _create(client, caller)
    session_id = create_session(client, caller)
    for bad in ("nope", "00000000-0000-0000-0000-000000000000"):
        assert_heidi_error(
            client.get(f"{PROFILES}/{bad}", headers=caller.headers),
            404,
            "PatientProfileNotFoundError",
        )
        assert_heidi_error(
            client.post(
                f"{PROFILES}/{bad}/sessions",
                json={"session_id": session_id},
                headers=caller.headers,
            ),
            404,
            "PatientProfileNotFoundError",
        )
        assert_heidi_error(
            client.post(
                f"{PROFILES}/{profile['id']}/sessions",
                json={"session_id": bad},
                headers=caller.headers,
            ),
            404,
            "SessionNotFoundError",
        )
    assert_heidi_error(
        client.post(
            f"{HEIDI}/sessions", json={"patient_profile_id": "nope"}, headers=caller.headers
        ),
        404,
        "PatientProfileNotFoundError",
    )
    empty = client.post(
        f"{PROFILES}:batch-delete", json={"patient_profile_ids": []}, headers=caller.headers
    )
    assert_heidi_error(empty, 400, "ValidationError")
