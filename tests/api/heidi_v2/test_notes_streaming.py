"""Over real HTTP: the consult note's first NDJSON line reaches the client while the language
model is still writing the rest of the note."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from murmur.app import create_app
from murmur.services import Services
from tests.api.heidi_v2.builders import HEIDI, new_heidi_caller
from tests.api.heidi_v2.test_notes import CONSULT, visit
from tests.builders import use_llm_engine
from tests.notes.chat_server import chat_server, text_reply


@pytest.fixture
def server_url(services: Services) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(services.settings, services=services),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_first_line_arrives_before_the_note_is_complete(
    services: Services, client: TestClient, server_url: str
) -> None:
    caller = new_heidi_caller(services, client)
    session_id = visit(services, client, caller)
    slow = text_reply("Reports a cough for five days. Denies chest pain.", delay_seconds=0.15)
    with chat_server(lambda body: slow) as model:
        use_llm_engine(services, url=model.url, timeout_seconds=30)
        url = f"{server_url}{HEIDI}/sessions/{session_id}/consult-note"
        lines: list[str] = []
        asked: list[int] = []  # how many sections the model had been asked for, per line
        with httpx.stream("POST", url, json=CONSULT, headers=caller.headers, timeout=60) as reply:
            assert reply.status_code == 200
            for line in reply.iter_lines():
                lines.append(json.loads(line)["data"])
                asked.append(len(model.requests))
        assert len(model.requests) == 4
    # The first words of the note reached the client while the model had been asked for the
    # first of the four sections only.
    first_words = next(i for i, line in enumerate(lines) if "Reports" in line)
    assert asked[first_words] == 1
    note = "".join(lines)
    assert note.startswith("## Subjective\nReports a cough")
    assert len(lines) > 4 * 9
    stored = client.get(f"{HEIDI}/sessions/{session_id}", headers=caller.headers).json()
    assert stored["consult_note"]["template_name"] == "SOAP Note"
