"""Context documents over HTTP: upload, parse in a job, list, delete by ids."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from murmur.jobs.worker import Worker
from murmur.services import Services
from tests.api.heidi_v2.builders import (
    HEIDI,
    HeidiCaller,
    assert_heidi_error,
    create_session,
    new_heidi_caller,
)
from tests.context_documents.files import blank_pdf, docx_with, pdf_with_text
from tests.contract import assert_heidi_response

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PATH = "/sessions/{session_id}/context-documents"


def _upload(
    client: TestClient,
    caller: HeidiCaller,
    session_id: str,
    file: tuple[str, bytes, str],
    **data: str,
) -> dict[str, object]:
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/context-documents",
        files={"file": file},
        data=data,
        headers=caller.headers,
    )
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    assert_heidi_response(PATH, "post", body)
    return body


def _listed(client: TestClient, caller: HeidiCaller, session_id: str) -> list[dict[str, object]]:
    response = client.get(
        f"{HEIDI}/sessions/{session_id}/context-documents", headers=caller.headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    data: list[dict[str, object]] = body["data"]
    if all(item["status"] != "FAILED" for item in data):
        assert_heidi_response(PATH, "get", body)
    return data


def test_documents_go_from_parsing_to_ready(
    client: TestClient, services: Services, worker: Worker
) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    pdf = _upload(
        client,
        caller,
        session_id,
        ("referral.pdf", pdf_with_text(["Known asthma"]), "application/pdf"),
    )
    assert pdf["status"] == "PARSING"
    assert pdf["unstructured"] is False
    word = _upload(
        client,
        caller,
        session_id,
        ("history.docx", docx_with(["On metformin"]), DOCX),
        unstructured="true",
    )
    assert word["unstructured"] is True
    _upload(client, caller, session_id, ("note.txt", b"Lives alone", "text/plain"))
    _upload(client, caller, session_id, ("rash.png", b"\x89PNG\r\n\x1a\n", "image/png"))
    worker.run_until_idle()
    listed = _listed(client, caller, session_id)
    assert [d["filename"] for d in listed] == [
        "referral.pdf",
        "history.docx",
        "note.txt",
        "rash.png",
    ]
    assert {d["status"] for d in listed} == {"READY"}
    assert [d["text_chars"] for d in listed][:3] == [len("Known asthma"), len("On metformin"), 11]
    assert listed[3]["text_chars"] == 0


def test_unreadable_document_fails_with_a_reason(
    client: TestClient, services: Services, worker: Worker
) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    _upload(client, caller, session_id, ("scan.pdf", blank_pdf(), "application/pdf"))
    worker.run_until_idle()
    [document] = _listed(client, caller, session_id)
    assert document["status"] == "FAILED"
    assert "no text layer" in str(document["failure_reason"])


def test_delete_by_ids_is_all_or_nothing(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    first = _upload(client, caller, session_id, ("a.txt", b"first", "text/plain"))
    second = _upload(client, caller, session_id, ("b.txt", b"second", "text/plain"))
    url = f"{HEIDI}/sessions/{session_id}/context-documents"
    refused = client.delete(
        url,
        params={"ids": [first["id"], "00000000-0000-0000-0000-000000000000"]},
        headers=caller.headers,
    )
    assert_heidi_error(refused, 404, "ContextDocumentNotFoundError")
    assert len(_listed(client, caller, session_id)) == 2
    deleted = client.delete(url, params={"ids": [first["id"]]}, headers=caller.headers)
    assert deleted.status_code == 204
    assert [d["id"] for d in _listed(client, caller, session_id)] == [second["id"]]
    missing = client.delete(url, headers=caller.headers)
    assert_heidi_error(missing, 400, "ValidationError")


@pytest.mark.parametrize(
    ("file", "status", "error_type"),
    [
        (("movie.mp4", b"\x00\x00", "video/mp4"), 415, "UnsupportedMediaTypeError"),
        (("archive.zip", b"PK", "application/zip"), 415, "UnsupportedMediaTypeError"),
    ],
)
def test_unreadable_types_are_refused(
    client: TestClient,
    services: Services,
    file: tuple[str, bytes, str],
    status: int,
    error_type: str,
) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/context-documents",
        files={"file": file},
        headers=caller.headers,
    )
    assert_heidi_error(response, status, error_type)
    assert _listed(client, caller, session_id) == []


def test_bad_upload_shapes_are_refused(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    url = f"{HEIDI}/sessions/{session_id}/context-documents"
    as_json = client.post(url, json={"file": "x"}, headers=caller.headers)
    assert_heidi_error(as_json, 415, "UnsupportedMediaTypeError")
    bad_flag = client.post(
        url,
        files={"file": ("a.txt", b"x", "text/plain")},
        data={"unstructured": "perhaps"},
        headers=caller.headers,
    )
    assert_heidi_error(bad_flag, 400, "ValidationError")


def test_oversize_document_is_413(client: TestClient, services: Services) -> None:
    services.settings.max_context_document_bytes = 1000
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/context-documents",
        files={"file": ("big.txt", b"x" * 5000, "text/plain")},
        headers=caller.headers,
    )
    assert_heidi_error(response, 413, "PayloadTooLargeError")
