from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from murmur.coding import licensed
from murmur.coding.loaders import snomed
from murmur.services import Services
from tests.api.heidi_v2.builders import (
    HEIDI,
    assert_heidi_error,
    create_session,
    new_heidi_caller,
)
from tests.coding.release_files import write_rf2_snapshot
from tests.coding.visits import LINES, NOTE, coded_visit
from tests.contract import assert_heidi_response

PATH = "/sessions/{session_id}/clinical-codes"
SPEC_SYSTEMS = ["ICD-10", "ICD-10-CM", "ICD-9", "ICD-9-CM", "CPT-2025"]


def _codes(client: TestClient, headers: dict[str, str], session_id: str, system: str) -> Any:
    return client.get(
        f"{HEIDI}/sessions/{session_id}/clinical-codes",
        params={"coding_system": system},
        headers=headers,
    )


@pytest.fixture
def visit(client: TestClient, services: Services) -> tuple[dict[str, str], str]:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    coded_visit(services, session_id)
    return caller.headers, session_id


@pytest.mark.parametrize("system", SPEC_SYSTEMS)
def test_each_bundled_system_answers_in_the_spec_shape(
    client: TestClient, visit: tuple[dict[str, str], str], system: str
) -> None:
    headers, session_id = visit
    response = _codes(client, headers, session_id, system)

    assert response.status_code == 200, response.text
    body = response.json()
    assert_heidi_response(PATH, "get", body)
    assert body["status"] == "READY"
    assert body["coding_system"] == system
    assert body["entities"], "every system codes this visit"


def test_icd10cm_entities_point_at_their_words(
    client: TestClient, visit: tuple[dict[str, str], str]
) -> None:
    headers, session_id = visit
    entities = {
        e["primary_code"]["code"]: e
        for e in _codes(client, headers, session_id, "ICD-10-CM").json()["entities"]
    }

    assert set(entities) >= {"I10", "S93.401A"}
    assert "R07.9" not in entities
    assert "E11.9" not in entities
    sprain = entities["S93.401A"]
    assert sprain["primary_code"]["valid"]
    assert sprain["primary_code"]["hierarchy"]
    assert {s["code"] for s in sprain["similar_codes"]} >= {"S93.401D"}  # episode of care
    transcript = " ".join(text for _, text in LINES)
    for reference in sprain["references"]:
        text = NOTE if reference["source"] == "CONSULT_NOTE" else transcript
        assert text[reference["start"] : reference["end"]] == reference["text"]
    assert 0 < sprain["confidence"] <= 1
    assert sprain["reason"]


def test_cpt_gives_the_office_visit_level_with_its_reason(
    client: TestClient, visit: tuple[dict[str, str], str]
) -> None:
    headers, session_id = visit
    [visit_code] = _codes(client, headers, session_id, "CPT-2025").json()["entities"]

    assert visit_code["primary_code"]["code"] in {"99212", "99213", "99214"}
    assert "MDM" in visit_code["reason"]


def test_a_session_not_yet_coded_is_processing(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)

    response = _codes(client, caller.headers, session_id, "ICD-10-CM")

    assert response.status_code == 200
    assert response.json()["status"] == "PROCESSING"
    assert response.json()["entities"] == []


def test_an_unknown_system_is_a_heidi_validation_error(
    client: TestClient, visit: tuple[dict[str, str], str]
) -> None:
    headers, session_id = visit
    response = _codes(client, headers, session_id, "ICD-11")

    assert_heidi_error(response, 400, "ValidationError")
    assert "ICD-10-CM" in response.json()["detail"]["msg"]


@pytest.mark.parametrize("system", ["SNOMED", "SNOMED-CT", "OPCS-410", "ACHI-13"])
def test_a_licensed_system_not_loaded_says_how_to_load_it(
    client: TestClient, visit: tuple[dict[str, str], str], system: str
) -> None:
    headers, session_id = visit
    response = _codes(client, headers, session_id, system)

    assert_heidi_error(response, 409, "ConflictError")
    assert "murmur admin load-codes" in response.json()["detail"]["msg"]


def test_a_loaded_snomed_release_codes_the_session(
    client: TestClient, services: Services, visit: tuple[dict[str, str], str], tmp_path: Path
) -> None:
    headers, session_id = visit
    with services.transactions.writing() as session:
        licensed.store(session, snomed.read(write_rf2_snapshot(tmp_path)))

    body = _codes(client, headers, session_id, "SNOMED-CT").json()

    assert_heidi_response(PATH, "get", body)
    assert "38341003" in {e["primary_code"]["code"] for e in body["entities"]}


def test_feedback_sets_thumbs_on_a_code(
    client: TestClient, visit: tuple[dict[str, str], str]
) -> None:
    headers, session_id = visit
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/clinical-codes/feedback",
        json={"coding_system": "ICD-10-CM", "code": "I10", "rating": "down"},
        headers=headers,
    )

    assert response.status_code == 200, response.text
    entities = _codes(client, headers, session_id, "ICD-10-CM").json()["entities"]
    assert next(e for e in entities if e["primary_code"]["code"] == "I10")["thumbs"] == "down"


def test_another_tenant_cannot_read_or_rate_the_codes(
    client: TestClient, services: Services, visit: tuple[dict[str, str], str]
) -> None:
    _, session_id = visit
    intruder = new_heidi_caller(services, client, tenant_name="Other Clinic")

    read = _codes(client, intruder.headers, session_id, "ICD-10-CM")
    rate = client.post(
        f"{HEIDI}/sessions/{session_id}/clinical-codes/feedback",
        json={"coding_system": "ICD-10-CM", "code": "I10", "rating": "up"},
        headers=intruder.headers,
    )

    assert_heidi_error(read, 404, "SessionNotFoundError")
    assert_heidi_error(rate, 404, "SessionNotFoundError")
