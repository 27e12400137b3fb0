"""Heidi templates, consult notes, the client's own template, documents and Ask Heidi."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from murmur.notes import service as notes
from murmur.notes.repository import consult_note, documents_of
from murmur.notes.templates import AFTER_VISIT_SUMMARY, REFERRAL_LETTER, SOAP
from murmur.services import Services
from murmur.transcripts import repository as transcripts
from murmur.transcripts.pasted import parse_transcript
from tests.api.heidi_v2.builders import (
    HEIDI,
    HeidiCaller,
    assert_heidi_error,
    create_session,
    new_heidi_caller,
)
from tests.contract import assert_heidi_response
from tests.notes.seed import BRONCHITIS

CONSULT = {"generation_method": "TEMPLATE", "addition": "", "voice_style": "GOLDILOCKS",
           "brain": "LEFT"}  # fmt: skip


def visit(services: Services, client: TestClient, caller: HeidiCaller) -> str:
    """A session whose transcript is the bronchitis visit."""
    session_id = create_session(client, caller)
    with services.transactions.writing() as session:
        transcript = transcripts.for_encounter(session, encounter_id=uuid.UUID(session_id))
        transcripts.replace_segments(
            session, transcript_id=transcript.id, items=parse_transcript(BRONCHITIS)
        )
    return session_id


def ndjson(response: httpx.Response, path: str) -> list[str]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines() if line]
    for line in lines:
        assert_heidi_response(path, "post", line, content_type="application/x-ndjson")
    return [line["data"] for line in lines]


@pytest.fixture
def caller(services: Services, client: TestClient) -> HeidiCaller:
    return new_heidi_caller(services, client)


@pytest.fixture
def stranger(services: Services, client: TestClient) -> HeidiCaller:
    return new_heidi_caller(
        services, client, email="other@elsewhere.example", tenant_name="Elsewhere"
    )


def test_templates_list_built_ins_and_the_tenants_own(
    services: Services, client: TestClient, caller: HeidiCaller, stranger: HeidiCaller
) -> None:
    with services.transactions.writing() as session:
        own = notes.create_template(
            session,
            tenant_id=caller.tenant_id,
            definition={"name": "Dermatology", "sections": [{"key": "skin", "title": "Skin"}]},
        )
    response = client.get(f"{HEIDI}/templates/document-templates", headers=caller.headers)
    assert response.status_code == 200
    assert_heidi_response("/templates/document-templates", "get", response.json())
    by_id = {t["id"]: t for t in response.json()["data"]}
    assert by_id[str(SOAP.id)]["template_category"] == "CONSULT_NOTE_TEMPLATE"
    assert by_id[str(REFERRAL_LETTER.id)]["template_category"] == "DOCUMENT_TEMPLATE"
    assert by_id[str(own.id)]["structure_template"]["sections"][0]["title"] == "Skin"
    assert len(by_id) == 9
    consult = client.get(f"{HEIDI}/templates/consult-note-templates", headers=caller.headers)
    assert_heidi_response("/templates/document-templates", "get", consult.json())
    categories = {t["template_category"] for t in consult.json()["data"]}
    assert categories == {"CONSULT_NOTE_TEMPLATE"}
    theirs = client.get(f"{HEIDI}/templates/document-templates", headers=stranger.headers)
    assert str(own.id) not in {t["id"] for t in theirs.json()["data"]}


def test_templates_need_a_token(client: TestClient) -> None:
    response = client.get(f"{HEIDI}/templates/document-templates")
    assert_heidi_error(response, 401, "AuthenticationError")


def test_consult_note_streams_lines_and_is_stored_on_the_session(
    services: Services, client: TestClient, caller: HeidiCaller
) -> None:
    session_id = visit(services, client, caller)
    body = {**CONSULT, "template_id": str(SOAP.id), "content_type": "HTML",
            "addition": "Works night shifts."}  # fmt: skip
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/consult-note", json=body, headers=caller.headers
    )
    pieces = ndjson(response, "/sessions/{session_id}/consult-note")
    assert len(pieces) > 5
    streamed = "".join(pieces)
    assert streamed.startswith("<h2>Subjective</h2>")
    assert "acute bronchitis" in streamed
    assert "Works night shifts." in streamed
    stored = client.get(f"{HEIDI}/sessions/{session_id}", headers=caller.headers).json()
    assert stored["consult_note"]["template_id"] == str(SOAP.id)
    assert stored["consult_note"]["content_type"] == "HTML"


@pytest.mark.parametrize(
    ("body", "status", "error_type"),
    [
        ({**CONSULT, "template_id": str(uuid.uuid4())}, 404, "TemplateNotFoundError"),
        ({**CONSULT, "template_id": "soap"}, 404, "TemplateNotFoundError"),
        ({**CONSULT, "voice_style": "POETIC"}, 400, "ValidationError"),
        ({**CONSULT, "content_type": "PDF"}, 400, "ValidationError"),
    ],
)
def test_consult_note_rejects_bad_requests_before_streaming(
    services: Services,
    client: TestClient,
    caller: HeidiCaller,
    body: dict[str, Any],
    status: int,
    error_type: str,
) -> None:
    session_id = visit(services, client, caller)
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/consult-note", json=body, headers=caller.headers
    )
    assert_heidi_error(response, status, error_type)


def test_another_tenants_template_is_not_found(
    services: Services, client: TestClient, caller: HeidiCaller, stranger: HeidiCaller
) -> None:
    with services.transactions.writing() as session:
        theirs = notes.create_template(
            session,
            tenant_id=stranger.tenant_id,
            definition={"name": "Private", "sections": [{"key": "a", "title": "A"}]},
        )
    session_id = visit(services, client, caller)
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/consult-note",
        json={**CONSULT, "template_id": str(theirs.id)},
        headers=caller.headers,
    )
    assert_heidi_error(response, 404, "TemplateNotFoundError")


def test_custom_template_is_answered_from_the_visit_with_evidence(
    services: Services, client: TestClient, caller: HeidiCaller
) -> None:
    session_id = visit(services, client, caller)
    template = {
        "content": "Respiratory intake",
        "responses": [
            {"questionId": "fever", "question": "Did the patient have a fever?",
             "answerType": "SingleResponse", "answerOptions": ["Yes", "No"]},
            {"questionId": "chest", "question": "Any chest pain?",
             "answerType": "SingleResponse", "answerOptions": ["Yes", "No"]},
            {"questionId": "symptoms", "question": "Which symptoms were reported?",
             "answerType": "MultipleResponse",
             "answerOptions": ["Cough", "Fever", "Rash", "Chest pain"]},
            {"questionId": "plan", "question": "What inhaler was prescribed?",
             "answerType": "TextArea"},
            {"questionId": "date", "question": "Date of the next appointment?",
             "answerType": "DateResponse"},
        ],
    }  # fmt: skip
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/client-customised-template/response",
        json={"template": template, "content_type": "MARKDOWN"},
        headers=caller.headers,
    )
    assert response.status_code == 200, response.text
    assert_heidi_response(
        "/sessions/{session_id}/client-customised-template/response", "post", response.json()
    )
    answers = {r["questionId"]: r for r in response.json()["responses"]}
    assert answers["fever"]["answer"] == "Yes"
    assert answers["chest"]["answer"] == "No"
    assert answers["chest"]["evidence"][-1]["text"] == "No, no chest pain."
    assert answers["symptoms"]["answer"] == ["Cough", "Fever"]
    assert "albuterol" in answers["plan"]["answer"].lower()
    assert answers["plan"]["evidence"]
    assert answers["date"]["answer"] is None
    assert answers["date"]["evidence"] == []
    assert "**Any chest pain?**\nNo" in response.json()["content"]


def test_custom_template_without_questions_is_400(
    services: Services, client: TestClient, caller: HeidiCaller
) -> None:
    session_id = visit(services, client, caller)
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/client-customised-template/response",
        json={"template": {"responses": [{"question": "Why?", "answerType": "Essay"}]}},
        headers=caller.headers,
    )
    assert_heidi_error(response, 400, "ValidationError")
    assert "answerType" in response.json()["detail"]["msg"]


def test_documents_are_generated_stored_and_listed(
    services: Services, client: TestClient, caller: HeidiCaller
) -> None:
    session_id = visit(services, client, caller)
    path = f"{HEIDI}/sessions/{session_id}/documents"
    created = []
    for template in (REFERRAL_LETTER, AFTER_VISIT_SUMMARY):
        body = {"generation_method": "TEMPLATE", "template_id": str(template.id),
                "voice_style": "BRIEF", "brain": "LEFT", "content_type": "MARKDOWN"}  # fmt: skip
        response = client.post(path, json=body, headers=caller.headers)
        assert response.status_code == 200, response.text
        assert_heidi_response("/sessions/{session_id}/documents", "post", response.json())
        created.append(response.json())
    assert [d["index"] for d in created] == [0, 1]
    assert created[0]["content"].startswith("## Reason for Referral")
    listed = client.get(path, headers=caller.headers)
    assert_heidi_response("/sessions/{session_id}/documents", "get", listed.json())
    assert listed.json()["data"] == created
    session = client.get(f"{HEIDI}/sessions/{session_id}", headers=caller.headers).json()
    assert [d["id"] for d in session["documents"]] == [d["id"] for d in created]


def test_a_document_needs_a_known_template(
    services: Services, client: TestClient, caller: HeidiCaller
) -> None:
    session_id = visit(services, client, caller)
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/documents",
        json={
            "generation_method": "TEMPLATE",
            "template_id": str(uuid.uuid4()),
            "voice_style": "BRIEF",
            "brain": "LEFT",
        },
        headers=caller.headers,
    )
    assert_heidi_error(response, 404, "TemplateNotFoundError")


@pytest.mark.parametrize(
    ("command", "expected", "cited"),
    [
        ("List the medications", "albuterol inhaler", True),
        ("What did the patient say about allergies?", "allergic to penicillin", True),
        ("Write patient instructions", "Instructions from today's visit", True),
        ("What did the patient say about their knee?", "did not mention their knee", False),
    ],
)
def test_ask_ai_answers_with_citations(
    services: Services,
    client: TestClient,
    caller: HeidiCaller,
    command: str,
    expected: str,
    cited: bool,
) -> None:
    session_id = visit(services, client, caller)
    client.post(f"{HEIDI}/sessions/{session_id}/consult-note", json=CONSULT, headers=caller.headers)
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/ask-ai",
        json={"ai_command_text": command, "content": "", "content_type": "MARKDOWN"},
        headers=caller.headers,
    )
    answer = "".join(ndjson(response, "/sessions/{session_id}/ask-ai"))
    assert expected in answer
    assert ("Sources:" in answer) is cited


def test_ask_ai_in_html_escapes_the_transcript(
    services: Services, client: TestClient, caller: HeidiCaller
) -> None:
    session_id = create_session(client, caller)
    with services.transactions.writing() as session:
        transcript = transcripts.for_encounter(session, encounter_id=uuid.UUID(session_id))
        transcripts.replace_segments(
            session,
            transcript_id=transcript.id,
            items=parse_transcript("[patient] My <b>rash</b> itches at night."),
        )
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/ask-ai",
        json={
            "ai_command_text": "what did the patient say about the rash?",
            "content": "",
            "content_type": "HTML",
        },
        headers=caller.headers,
    )
    answer = "".join(ndjson(response, "/sessions/{session_id}/ask-ai"))
    assert "&lt;b&gt;rash&lt;/b&gt;" in answer
    assert "<b>" not in answer


def test_ask_ai_needs_a_command(
    services: Services, client: TestClient, caller: HeidiCaller
) -> None:
    session_id = visit(services, client, caller)
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/ask-ai",
        json={"ai_command_text": "   ", "content": "", "content_type": "MARKDOWN"},
        headers=caller.headers,
    )
    assert_heidi_error(response, 400, "ValidationError")


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("post", "consult-note", CONSULT),
        ("post", "client-customised-template/response",
         {"template": {"responses": [{"question": "Q", "answerType": "TextArea"}]}}),
        ("post", "documents", {"generation_method": "TEMPLATE", "template_id": str(SOAP.id),
                               "voice_style": "BRIEF", "brain": "LEFT"}),
        ("get", "documents", None),
        ("post", "ask-ai", {"ai_command_text": "list the medications", "content": "",
                            "content_type": "MARKDOWN"}),
    ],
)  # fmt: skip
def test_another_tenants_session_is_not_found(
    services: Services,
    client: TestClient,
    caller: HeidiCaller,
    stranger: HeidiCaller,
    method: str,
    suffix: str,
    body: dict[str, Any] | None,
) -> None:
    session_id = visit(services, client, caller)
    url = f"{HEIDI}/sessions/{session_id}/{suffix}"
    kwargs: dict[str, Any] = {"headers": stranger.headers}
    if body is not None:
        kwargs["json"] = body
    response = client.request(method.upper(), url, **kwargs)
    assert_heidi_error(response, 404, "SessionNotFoundError")
    with services.transactions.writing() as session:
        encounter_id = uuid.UUID(session_id)
        assert consult_note(session, encounter_id=encounter_id) is None
        assert documents_of(session, tenant_id=caller.tenant_id, encounter_id=encounter_id) == []
