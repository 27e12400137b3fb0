"""A Playback note written by the LLM engine (a local chat server) through the pipeline job:
invented sentences reach the client flagged, and a failing server leaves a grounded note."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient

from murmur.jobs import queue
from murmur.jobs.worker import Worker
from murmur.notes.domain import WRITE_NOTE_JOB
from murmur.services import Services
from murmur.transcripts import repository as transcripts
from murmur.transcripts.pasted import parse_transcript
from tests.builders import Caller, create_note, new_caller, use_llm_engine
from tests.notes.chat_server import Reply, chat_server, text_reply
from tests.notes.seed import BRONCHITIS


def _written(services: Services, client: TestClient, worker: Worker, url: str) -> dict[str, Any]:
    use_llm_engine(services, url=url, timeout_seconds=10)
    caller: Caller = new_caller(services, client)
    note_id = uuid.UUID(create_note(client, caller)["id"])
    with services.transactions.writing() as session:
        transcript = transcripts.for_encounter(session, encounter_id=note_id)
        transcripts.replace_segments(
            session, transcript_id=transcript.id, items=parse_transcript(BRONCHITIS)
        )
        queue.enqueue(
            session,
            kind=WRITE_NOTE_JOB,
            tenant_id=caller.tenant_id,
            encounter_id=note_id,
            max_attempts=1,
        )
    assert worker.run_once()  # the note job; coding is not under test here
    body: dict[str, Any] = client.get(f"/v1/notes/{note_id}", headers=caller.headers).json()
    assert body["noteObject"] is not None, body
    return body


def test_unsupported_sentences_are_flagged_in_the_note_object(
    services: Services, client: TestClient, worker: Worker
) -> None:
    reply = text_reply("Acute bronchitis. Chest X-ray showed pneumonia.")
    with chat_server(lambda body: reply) as server:
        body = _written(services, client, worker, server.url)
    note = body["noteObject"]
    assert note["engine"] == "llm"
    sentences = [s for section in note["sections"] for s in section["sentences"]]
    flagged = [s["text"] for s in sentences if s.get("unsupported")]
    assert set(flagged) == {"Chest X-ray showed pneumonia."}
    backed = [s for s in sentences if not s.get("unsupported")]
    assert backed
    assert all(s["evidence"] for s in backed)
    assert any("flagged unsupported" in w for w in note["warnings"])


def test_a_failing_server_leaves_a_grounded_note_that_says_why(
    services: Services, client: TestClient, worker: Worker
) -> None:
    with chat_server(lambda body: Reply(status=500, error_body="boom")) as server:
        body = _written(services, client, worker, server.url)
    note = body["noteObject"]
    assert note["engine"] == "grounded"
    assert "answered 500: boom" in note["warnings"][0]
    assert "acute bronchitis" in body["note"].lower()
