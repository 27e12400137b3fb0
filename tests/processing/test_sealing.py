"""What happens to a transcript when it is sealed after finish: language, roles, spellings."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from murmur.app import create_app
from murmur.db import Transactions
from murmur.encounters.languages import DETECT_LANGUAGE
from murmur.encounters.models import Encounter
from murmur.services import Services, build_services
from murmur.settings import Settings
from murmur.transcripts.models import Transcript
from tests.builders import create_note, new_caller, upload
from tests.engines.asr.transcription_server import Received, Reply, transcription_server
from tests.fixtures.audio import fixture_path

MISHEARD = "I will start you on furosmide forty milligrams and stop the lisinoprill."


def _server_reply(request: Received) -> Reply:
    if "language" not in request.fields:
        return Reply(body={"text": "", "language": "spanish"})
    text = MISHEARD if request.field("language") == "en" else "Tengo tos y fiebre."
    return Reply(body={"text": text, "segments": [{"start": 0.0, "end": 4.0, "text": text}]})


@contextmanager
def _built(settings: Settings, transactions: Transactions) -> Iterator[Services]:
    built = build_services(settings, transactions=transactions)
    try:
        yield built
    finally:
        built.engine.dispose()


@pytest.fixture
def remote_services(services: Services) -> Iterator[Services]:
    """Services whose speech engine is a local server speaking the OpenAI protocol, in the
    ``services`` fixture's transaction (rolled back afterwards)."""
    with transcription_server(_server_reply) as server:
        remote = services.settings.model_copy(
            update={"asr_engine": "openai-compatible", "asr_api_base_url": server.url}
        )
        with _built(remote, services.transactions) as built:
            yield built


def _process(
    services: Services, note_language: str | None = None, **body: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Records, finishes and processes one visit; returns its transcription and its note."""
    with TestClient(create_app(services.settings, services=services)) as client:
        caller = new_caller(services, client)
        created = create_note(client, caller, **body)
        if note_language:
            with services.transactions.writing() as session:
                encounter_id = uuid.UUID(created["id"])
                session.execute(
                    update(Encounter)
                    .where(Encounter.id == encounter_id)
                    .values(language=note_language)
                )
                session.execute(
                    update(Transcript)
                    .where(Transcript.encounter_id == encounter_id)
                    .values(language=note_language)
                )
        upload(client, created["url"], fixture_path("bronchitis_visit.wav").read_bytes())
        client.post(f"/v1/notes/{created['id']}/finish", headers=caller.headers)
        services.workers(1)[0].run_until_idle()
        transcription = client.get(
            f"/v1/notes/{created['id']}/transcription", headers=caller.headers
        ).json()
        note = client.get(f"/v1/notes/{created['id']}", headers=caller.headers).json()
    return transcription, note


def test_near_misses_of_the_visits_drugs_are_respelled(remote_services: Services) -> None:
    context = {"medications": ["lisinopril 10 mg daily"]}

    transcription, _ = _process(remote_services, addContext=context)

    (segment,) = transcription["object"]["segments"]
    assert "furosemide" in segment["text"]
    assert "lisinopril" in segment["text"]
    assert segment["speaker"] in {"CLINICIAN", "PATIENT"}


def test_correction_can_be_turned_off(remote_services: Services) -> None:
    settings = remote_services.settings.model_copy(update={"asr_term_correction": False})

    with _built(settings, remote_services.transactions) as plain:
        transcription, _ = _process(plain)

    assert transcription["object"]["segments"][0]["text"] == MISHEARD


def test_a_visit_without_a_language_is_transcribed_in_the_one_heard(
    remote_services: Services,
) -> None:
    transcription, note = _process(remote_services, note_language=DETECT_LANGUAGE)

    assert transcription["language"] == "spanish"
    assert note["language"] == "spanish"
    assert transcription["object"]["segments"][0]["text"] == "Tengo tos y fiebre."
