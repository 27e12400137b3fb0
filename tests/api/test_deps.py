"""The request's transaction (``SessionDep``): committed before the response is sent."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from murmur.services import Services
from tests.api.heidi_v2.builders import HEIDI, new_heidi_caller

PROFILES = f"{HEIDI}/patient-profiles"


def _database_went_away(session: Session) -> None:
    raise ConnectionError("the database went away")


def test_a_commit_that_fails_is_answered_as_an_error_and_keeps_nothing(
    client: TestClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    caller = new_heidi_caller(services, client)
    unraised = TestClient(client.app, raise_server_exceptions=False)
    monkeypatch.setattr(Session, "commit", _database_went_away)

    failed = unraised.post(PROFILES, json={"first_name": "Ana"}, headers=caller.headers)

    monkeypatch.undo()
    assert failed.status_code == 500, failed.text
    listed = client.get(PROFILES, headers=caller.headers)
    assert listed.json()["data"] == []
