"""Signing off the consult note (a Murmur extension): the clinician's text, who signed it and
when; signing different text again is an amendment and every signed version is kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from murmur.notes import repository
from murmur.notes.models import NoteSignOff
from murmur.services import Services
from tests.api.heidi_v2.builders import (
    HEIDI,
    HeidiCaller,
    assert_heidi_error,
    create_session,
    heidi_login,
    new_heidi_caller,
)

NOTE = "## Assessment\nAcute bronchitis.\n\n## Plan\nSalbutamol inhaler; review in one week."


@pytest.fixture
def caller(services: Services, client: TestClient) -> HeidiCaller:
    return new_heidi_caller(services, client, email="dr.okafor@riverside.example")


def _url(session_id: str) -> str:
    return f"{HEIDI}/sessions/{session_id}/consult-note/sign-off"


def _sign(client: TestClient, caller: HeidiCaller, session_id: str, **body: Any) -> dict[str, Any]:
    response = client.post(_url(session_id), json=body, headers=caller.headers)
    assert response.status_code in (200, 201), response.text
    signed: dict[str, Any] = response.json()
    signed["_status"] = response.status_code
    return signed


def test_an_unsigned_note_says_so(client: TestClient, caller: HeidiCaller) -> None:
    session_id = create_session(client, caller)
    state = client.get(_url(session_id), headers=caller.headers).json()
    assert state["status"] == "UNSIGNED"
    assert state["version"] == 0
    assert state["content"] is None
    assert state["history"] == []


def test_sign_off_stores_the_text_the_signer_and_the_time(
    client: TestClient, caller: HeidiCaller
) -> None:
    session_id = create_session(client, caller)
    before = datetime.now(UTC) - timedelta(seconds=1)
    signed = _sign(client, caller, session_id, content=NOTE, content_type="MARKDOWN")
    assert signed["_status"] == 201
    assert signed["status"] == "SIGNED"
    assert signed["version"] == 1
    assert signed["content"] == NOTE
    assert signed["signed_by"]["email"] == "dr.okafor@riverside.example"
    signed_at = datetime.fromisoformat(signed["signed_at"])
    assert before <= signed_at <= datetime.now(UTC) + timedelta(seconds=1)

    reloaded = client.get(_url(session_id), headers=caller.headers).json()
    assert {k: reloaded[k] for k in ("status", "version", "content", "content_type")} == {
        "status": "SIGNED",
        "version": 1,
        "content": NOTE,
        "content_type": "MARKDOWN",
    }
    assert reloaded["signed_by"] == signed["signed_by"]
    assert [item["version"] for item in reloaded["history"]] == [1]


def test_signing_the_same_text_again_is_a_harmless_retry(
    client: TestClient, caller: HeidiCaller
) -> None:
    session_id = create_session(client, caller)
    first = _sign(client, caller, session_id, content=NOTE)
    again = _sign(client, caller, session_id, content=NOTE)
    assert again["_status"] == 200
    assert again["version"] == 1
    assert again["signed_at"] == first["signed_at"]
    assert len(again["history"]) == 1


def test_different_text_is_an_amendment_and_the_signed_versions_are_kept(
    client: TestClient, caller: HeidiCaller
) -> None:
    colleague = heidi_login(
        client,
        caller.tenant_id,
        caller.api_key,
        email="dr.nguyen@riverside.example",
        internal_id="ehr-2",
    )
    session_id = create_session(client, caller)
    _sign(client, caller, session_id, content=NOTE)
    amended_text = NOTE + " Return sooner if breathless."
    amended = _sign(client, colleague, session_id, content=amended_text, amends_version=1)
    assert amended["_status"] == 201
    assert amended["status"] == "AMENDED"
    assert amended["version"] == 2
    assert amended["content"] == amended_text
    assert amended["signed_by"]["email"] == "dr.nguyen@riverside.example"
    history = client.get(_url(session_id), headers=caller.headers).json()["history"]
    assert [(h["version"], h["content"], h["signed_by"]["email"]) for h in history] == [
        (2, amended_text, "dr.nguyen@riverside.example"),
        (1, NOTE, "dr.okafor@riverside.example"),
    ]


def test_amending_a_version_that_is_no_longer_the_latest_is_409(
    client: TestClient, caller: HeidiCaller
) -> None:
    session_id = create_session(client, caller)
    _sign(client, caller, session_id, content=NOTE, amends_version=0)
    _sign(client, caller, session_id, content=NOTE + " Amended.", amends_version=1)
    stale = client.post(
        _url(session_id),
        json={"content": NOTE + " Another edit.", "amends_version": 1},
        headers=caller.headers,
    )
    assert_heidi_error(stale, 409, "ConflictError")
    assert "version 2" in stale.json()["detail"]["msg"]
    state = client.get(_url(session_id), headers=caller.headers).json()
    assert state["version"] == 2


def test_two_sign_offs_at_once_keep_the_first_and_refuse_the_second(
    client: TestClient, caller: HeidiCaller, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second signer read the versions before the first one's commit: its insert of the
    same version number must be refused, not overwrite or interleave with the signed text."""
    session_id = create_session(client, caller)
    _sign(client, caller, session_id, content=NOTE)
    real = repository.sign_offs
    stale: list[bool] = []

    def before_the_first_commit(session: Session, **where: Any) -> list[NoteSignOff]:
        if not stale:
            stale.append(True)
            return []
        return real(session, **where)

    monkeypatch.setattr(repository, "sign_offs", before_the_first_commit)
    raced = client.post(
        _url(session_id), json={"content": NOTE + "\nOther text."}, headers=caller.headers
    )
    assert_heidi_error(raced, 409, "ConflictError")
    assert "same moment" in raced.json()["detail"]["msg"]

    kept = client.get(_url(session_id), headers=caller.headers).json()
    assert [(item["version"], item["content"]) for item in kept["history"]] == [(1, NOTE)]


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({}, "content: is required"),
        ({"content": ""}, "empty"),
        ({"content": "  \n "}, "empty"),
        ({"content": NOTE, "content_type": "PDF"}, "content_type"),
        ({"content": NOTE, "signed_by": "someone-else"}, "signed_by: unknown field"),
        ({"content": NOTE, "amends_version": -1}, "amends_version"),
        ({"content": "x" * 200_001}, "content"),
    ],
)
def test_bad_input_is_400_naming_the_field_and_signs_nothing(
    client: TestClient, caller: HeidiCaller, body: dict[str, Any], named: str
) -> None:
    session_id = create_session(client, caller)
    response = client.post(_url(session_id), json=body, headers=caller.headers)
    assert_heidi_error(response, 400, "ValidationError")
    assert named in response.json()["detail"]["msg"]
    assert client.get(_url(session_id), headers=caller.headers).json()["status"] == "UNSIGNED"


def test_another_tenants_session_is_not_found_and_stays_unsigned(
    services: Services, client: TestClient, caller: HeidiCaller
) -> None:
    stranger = new_heidi_caller(
        services, client, email="dr.okafor@riverside.example", tenant_name="Elsewhere"
    )
    session_id = create_session(client, caller)
    _sign(client, caller, session_id, content=NOTE)
    read = client.get(_url(session_id), headers=stranger.headers)
    assert_heidi_error(read, 404, "SessionNotFoundError")
    write = client.post(_url(session_id), json={"content": "forged"}, headers=stranger.headers)
    assert_heidi_error(write, 404, "SessionNotFoundError")
    state = client.get(_url(session_id), headers=caller.headers).json()
    assert (state["version"], state["content"]) == (1, NOTE)


def test_unknown_session_is_404_and_no_token_is_401(
    client: TestClient, caller: HeidiCaller
) -> None:
    missing = client.post(
        _url("00000000-0000-4000-8000-000000000000"), json={"content": NOTE}, headers=caller.headers
    )
    assert_heidi_error(missing, 404, "SessionNotFoundError")
    session_id = create_session(client, caller)
    assert_heidi_error(
        client.post(_url(session_id), json={"content": NOTE}), 401, "AuthenticationError"
    )


def test_sessions_say_which_version_of_their_note_is_signed(
    client: TestClient, caller: HeidiCaller
) -> None:
    signed_id = create_session(client, caller)
    unsigned_id = create_session(client, caller)
    _sign(client, caller, signed_id, content=NOTE)
    _sign(client, caller, signed_id, content=NOTE + "\nAmended: no fever.")

    one = client.get(f"{HEIDI}/sessions/{signed_id}", headers=caller.headers).json()
    assert one["signed_off_version"] == 2
    listed = client.get(f"{HEIDI}/sessions/linked-user", headers=caller.headers).json()
    versions = {item["session_id"]: item["signed_off_version"] for item in listed["data"]}
    assert versions == {signed_id: 2, unsigned_id: 0}
