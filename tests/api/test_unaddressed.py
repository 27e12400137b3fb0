"""Said but not in the note, on both APIs: Playback ``noteObject.unaddressed``, the Heidi
consult note's ``unaddressed`` and ``POST /sessions/{id}/consult-note/unaddressed``, each
checked against the visit's facts when asked."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from murmur.encounters.models import Encounter
from murmur.facts.domain import Evidence
from murmur.notes import service as notes
from murmur.notes.domain import NoteSection, NoteSentence, WrittenNote
from murmur.notes.generation import NoteOptions
from murmur.notes.omissions import Unaddressed
from murmur.notes.unaddressed import Omissions
from murmur.services import Services
from murmur.tenancy import service as tenancy
from murmur.transcripts.domain import Segment, SpeakerRole
from tests.api.heidi_v2.builders import HEIDI, HeidiCaller, assert_heidi_error, heidi_login
from tests.builders import Caller, new_caller
from tests.notes.seed import Seeded, seed_encounter

EVERYTHING = (
    "## Subjective\nCough for 5 days, fever 100.4 last night. Allergy: penicillin (hives).\n\n"
    "## Objective\nWheezing in both lungs.\n\n"
    "## Assessment and plan\nAcute bronchitis. Albuterol inhaler 2 puffs every 4 hours as "
    "needed, started. Follow up in 1 week if you are not better."
)
WITHOUT_THE_DRUG = EVERYTHING.replace(
    "Albuterol inhaler 2 puffs every 4 hours as needed, started. ", ""
)


def _store_note(services: Services, seeded: Seeded, text: str) -> None:
    lines = tuple(NoteSentence(line, evidence=()) for line in text.splitlines() if line)
    written = WrittenNote(title="Clinical note", sections=(NoteSection("note", "Note", lines),))
    with services.transactions.writing() as session:
        encounter = session.get(Encounter, seeded.encounter_id)
        assert encounter is not None
        request = notes.prepare_note(session, encounter=encounter, options=NoteOptions())
        notes.save_consult_note(session, request=request, written=written)


def _heidi_caller(services: Services, client: TestClient, seeded: Seeded) -> HeidiCaller:
    with services.transactions.writing() as session:
        tenant = tenancy.require_tenant(session, seeded.tenant_id)
        api_key = tenancy.create_api_key(session, tenant=tenant)
    return heidi_login(
        client, seeded.tenant_id, api_key, email="doctor@clinic.example", internal_id="ehr-1"
    )


def _labels(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(item["kind"], item["label"]) for item in items]


@pytest.fixture
def seeded(services: Services) -> Seeded:
    return seed_encounter(services)


def test_heidi_session_lists_the_drug_its_note_left_out_with_evidence(
    client: TestClient, services: Services, seeded: Seeded
) -> None:
    _store_note(services, seeded, WITHOUT_THE_DRUG)
    caller = _heidi_caller(services, client, seeded)

    found = client.get(f"{HEIDI}/sessions/{seeded.encounter_id}", headers=caller.headers)

    assert found.status_code == 200, found.text
    (missing,) = found.json()["consult_note"]["unaddressed"]
    assert missing["kind"] == "medication"
    assert missing["label"].startswith("albuterol")
    assert missing["sentence"].startswith("Albuterol")
    (evidence,) = missing["evidence"]
    assert evidence["speaker"] == "CLINICIAN"
    assert "albuterol inhaler" in evidence["quote"]
    assert evidence["quote"] in evidence["text"]
    assert evidence["segment"] == 11


def test_the_edited_text_is_checked_when_asked(
    client: TestClient, services: Services, seeded: Seeded
) -> None:
    _store_note(services, seeded, EVERYTHING)
    caller = _heidi_caller(services, client, seeded)
    url = f"{HEIDI}/sessions/{seeded.encounter_id}/consult-note/unaddressed"

    stored = client.get(f"{HEIDI}/sessions/{seeded.encounter_id}", headers=caller.headers)
    edited = client.post(url, json={"content": WITHOUT_THE_DRUG}, headers=caller.headers)
    paragraphs = "".join(f"<p>{line}</p>" for line in EVERYTHING.splitlines())
    html = client.post(
        url, json={"content": paragraphs, "content_type": "HTML"}, headers=caller.headers
    )

    assert stored.json()["consult_note"]["unaddressed"] == []
    assert edited.status_code == 200, edited.text
    assert edited.json()["session_id"] == str(seeded.encounter_id)
    assert [kind for kind, _ in _labels(edited.json()["unaddressed"])] == ["medication"]
    assert html.json()["unaddressed"] == []


def test_a_session_without_a_note_has_no_unaddressed_field(
    client: TestClient, services: Services, seeded: Seeded
) -> None:
    caller = _heidi_caller(services, client, seeded)

    found = client.get(f"{HEIDI}/sessions/{seeded.encounter_id}", headers=caller.headers)

    assert found.json()["consult_note"] == {}


def test_the_check_refuses_a_malformed_request_in_heidi_shape(
    client: TestClient, services: Services, seeded: Seeded
) -> None:
    caller = _heidi_caller(services, client, seeded)
    url = f"{HEIDI}/sessions/{seeded.encounter_id}/consult-note/unaddressed"

    wrong_type = client.post(
        url, json={"content": "x", "content_type": "PDF"}, headers=caller.headers
    )
    unknown = client.post(
        f"{HEIDI}/sessions/not-a-session/consult-note/unaddressed",
        json={"content": "x"},
        headers=caller.headers,
    )

    assert_heidi_error(wrong_type, 400, "ValidationError")
    assert_heidi_error(unknown, 404, "SessionNotFoundError")


def _playback_caller(services: Services, client: TestClient) -> tuple[Caller, Seeded]:
    caller = new_caller(services, client)
    return caller, seed_encounter(services, tenant_id=caller.tenant_id)


def test_playback_note_object_lists_what_the_note_left_out(
    client: TestClient, services: Services
) -> None:
    caller, seeded = _playback_caller(services, client)
    _store_note(services, seeded, WITHOUT_THE_DRUG)

    found = client.get(f"/v1/notes/{seeded.encounter_id}", headers=caller.headers)

    assert found.status_code == 200, found.text
    (missing,) = found.json()["noteObject"]["unaddressed"]
    assert missing["kind"] == "medication"
    assert set(missing["evidence"][0]) == {"segment", "start", "end", "text", "speaker", "quote"}


def test_playback_note_stating_every_key_fact_lists_none(
    client: TestClient, services: Services
) -> None:
    caller, seeded = _playback_caller(services, client)
    _store_note(services, seeded, EVERYTHING)

    found = client.get(f"/v1/notes/{seeded.encounter_id}", headers=caller.headers)

    assert found.json()["noteObject"]["unaddressed"] == []


def test_the_served_list_quotes_the_words_said_and_drops_evidence_outside_the_transcript() -> None:
    said = Segment(12.5, 15.0, "Let's start amlodipine.", SpeakerRole.CLINICIAN)
    item = Unaddressed(
        "medication",
        "amlodipine, started",
        "Amlodipine, started.",
        (Evidence(0, 12, 22), Evidence(5, 0, 3)),
    )
    omissions = Omissions([item], [said])

    assert omissions.to_structure() == [
        {
            "kind": "medication",
            "label": "amlodipine, started",
            "sentence": "Amlodipine, started.",
            "evidence": [
                {
                    "segment": 0,
                    "start": 12.5,
                    "end": 15.0,
                    "text": "Let's start amlodipine.",
                    "speaker": "CLINICIAN",
                    "quote": "amlodipine",
                }
            ],
        }
    ]
