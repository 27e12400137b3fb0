"""The Murmur extension ``GET /sessions/{id}/facts``, and Ask AI answering from the facts."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient

from murmur.services import Services
from murmur.transcripts import repository as transcripts
from murmur.transcripts.pasted import parse_transcript
from tests.api.heidi_v2.builders import HEIDI, HeidiCaller, create_session, new_heidi_caller
from tests.api.heidi_v2.test_notes import ndjson
from tests.notes.seed import BRONCHITIS


def _visit(services: Services, client: TestClient, caller: HeidiCaller, *, status: str) -> str:
    session_id = create_session(client, caller)
    with services.transactions.writing() as session:
        transcript = transcripts.for_encounter(session, encounter_id=uuid.UUID(session_id))
        transcripts.replace_segments(
            session, transcript_id=transcript.id, items=parse_transcript(BRONCHITIS)
        )
        transcript.status = status
    return session_id


def _facts(client: TestClient, caller: HeidiCaller, session_id: str) -> dict[str, Any]:
    response = client.get(f"{HEIDI}/sessions/{session_id}/facts", headers=caller.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_transcribed_visit_serves_its_facts_with_quoted_evidence(
    services: Services, client: TestClient
) -> None:
    caller = new_heidi_caller(services, client)
    session_id = _visit(services, client, caller, status="success")

    body = _facts(client, caller, session_id)

    assert body["session_id"] == session_id
    assert body["status"] == "READY"
    (started,) = [
        f for f in body["facts"] if f["kind"] == "medication" and f["action"] == "started"
    ]
    assert started["name"] == "albuterol"
    assert started["dose"] == "2 puffs"
    assert started["assertion"] == "present"
    assert started["experiencer"] == "patient"
    assert started["speaker"] == "clinician"
    assert started["key"] is True
    assert 0 < started["confidence"] <= 1
    (evidence,) = started["evidence"]
    assert evidence["segment"] == 11
    assert evidence["speaker"] == "CLINICIAN"
    assert evidence["text"].startswith("albuterol inhaler, two puffs")
    line = BRONCHITIS.splitlines()[11].removeprefix("[doctor] ")
    assert line[evidence["start"] : evidence["end"]] == evidence["text"]
    kinds = {f["kind"] for f in body["facts"]}
    assert {"diagnosis", "allergy", "vital", "follow_up"} <= kinds


def test_facts_of_a_visit_still_being_transcribed_are_processing(
    services: Services, client: TestClient
) -> None:
    caller = new_heidi_caller(services, client)
    empty = create_session(client, caller)
    assert _facts(client, caller, empty) == {
        "session_id": empty,
        "status": "PROCESSING",
        "facts": [],
    }
    failed = _visit(services, client, caller, status="error")
    assert _facts(client, caller, failed)["status"] == "FAILED"


def test_ask_ai_answers_the_diagnosis_from_the_facts(
    services: Services, client: TestClient
) -> None:
    caller = new_heidi_caller(services, client)
    session_id = _visit(services, client, caller, status="success")
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/ask-ai",
        json={
            "ai_command_text": "What was the diagnosis?",
            "content": "",
            "content_type": "MARKDOWN",
        },
        headers=caller.headers,
    )
    answer = "".join(ndjson(response, "/sessions/{session_id}/ask-ai"))
    assert answer.startswith("Diagnosis from the visit:\n- Bronchitis [10]")
    assert "Sources:\n[10] " in answer
