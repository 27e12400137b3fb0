from __future__ import annotations

import httpx
from fastapi.testclient import TestClient

from murmur.services import Services
from tests.builders import create_note, new_caller
from tests.coding.visits import coded_visit
from tests.contract import assert_playback_response


def _thumbs(
    client: TestClient, headers: dict[str, str], note_id: str, code: str, body: object
) -> httpx.Response:
    return client.put(f"/v1/notes/{note_id}/billingcodes/{code}/thumbs", json=body, headers=headers)


def test_billing_codes_carry_reason_confidence_and_source_sentences(
    client: TestClient, services: Services
) -> None:
    caller = new_caller(services, client)
    note_id = create_note(client, caller)["id"]
    coded_visit(services, note_id)

    body = client.get(f"/v1/notes/{note_id}/billingcodes", headers=caller.headers).json()

    assert_playback_response("/notes/{id}/billingcodes", "get", body)
    icd = {c["code"]: c for c in body["icdCodes"]}
    assert icd["I10"]["active"]
    assert icd["I10"]["sourceSentence"]
    assert icd["I10"]["reason"].startswith("Assessment states")
    assert [c["code"][:3] for c in body["cptCodes"]] == ["992"]


def test_thumbs_are_set_changed_and_cleared_on_one_code(
    client: TestClient, services: Services
) -> None:
    caller = new_caller(services, client)
    note_id = create_note(client, caller)["id"]
    coded_visit(services, note_id)

    up = _thumbs(client, caller.headers, note_id, "I10", {"thumbs": "up"})
    down = _thumbs(
        client, caller.headers, note_id, "I10", {"thumbs": "down", "system": "ICD-10-CM"}
    )
    listed = client.get(f"/v1/notes/{note_id}/billingcodes", headers=caller.headers).json()
    cleared = _thumbs(client, caller.headers, note_id, "I10", {"thumbs": None})

    assert up.status_code == 200
    assert up.json()["code"]["thumbs"] == "up"
    assert down.json()["code"]["thumbs"] == "down"
    assert next(c for c in listed["icdCodes"] if c["code"] == "I10")["thumbs"] == "down"
    assert cleared.json()["code"]["thumbs"] is None


def test_bad_thumbs_and_unknown_codes_are_clear_4xx(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    note_id = create_note(client, caller)["id"]
    coded_visit(services, note_id)

    sideways = _thumbs(client, caller.headers, note_id, "I10", {"thumbs": "sideways"})
    missing = _thumbs(client, caller.headers, note_id, "Z99.9", {"thumbs": "up"})

    assert sideways.status_code == 400
    assert "thumbs" in sideways.text
    assert missing.status_code == 404


def test_another_tenant_cannot_rate_the_codes(client: TestClient, services: Services) -> None:
    owner = new_caller(services, client)
    intruder = new_caller(services, client, tenant_name="Other Clinic")
    note_id = create_note(client, owner)["id"]
    coded_visit(services, note_id)

    response = _thumbs(client, intruder.headers, note_id, "I10", {"thumbs": "down"})
    listed = client.get(f"/v1/notes/{note_id}/billingcodes", headers=owner.headers).json()

    assert response.status_code == 404
    assert next(c for c in listed["icdCodes"] if c["code"] == "I10")["thumbs"] is None
