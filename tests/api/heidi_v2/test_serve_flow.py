"""A client following Heidi's documentation, against a real ``murmur serve`` process over
real HTTP with the real speech model: jwt -> patient -> session -> live segments (out of
order) -> live transcript -> streamed consult note -> codes -> document -> Ask Heidi."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.contract import assert_heidi_response
from tests.e2e.test_chunked_recording import split_wav
from tests.fixtures.audio import fixture_path
from tests.serving import murmur_env, run_json, serving

pytestmark = pytest.mark.slow
PREFIX = "/api/v2/ml-scribe/open-api"


@pytest.fixture
def server(tmp_path: Path, model_cache_dir: Path) -> Iterator[tuple[str, str]]:
    env = murmur_env(tmp_path, model_cache_dir)
    tenant = run_json(["admin", "create-tenant", "--name", "Clinic"], env)["tenantId"]
    api_key = run_json(["admin", "create-api-key", "--tenant", tenant], env)["apiKey"]
    with serving(env, tmp_path / "serve.log") as base:
        yield base + PREFIX, api_key


def _wait_for(api: httpx.Client, url: str, ready: Any, **params: str) -> dict[str, Any]:
    deadline = time.monotonic() + 240
    while True:
        body: dict[str, Any] = api.get(url, params=params).json()
        if ready(body) or time.monotonic() > deadline:
            return body
        time.sleep(1)


def _stream_lines(api: httpx.Client, url: str, body: dict[str, Any]) -> list[str]:
    pieces = []
    with api.stream("POST", url, json=body) as response:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("application/x-ndjson")
        for line in response.iter_lines():
            if line.strip():
                chunk = json.loads(line)
                assert_heidi_response(
                    url_template(url), "post", chunk, "200", "application/x-ndjson"
                )
                pieces.append(chunk["data"])
    return pieces


def url_template(url: str) -> str:
    return "/sessions/{session_id}/" + url.rsplit("/", 1)[-1]


def test_documented_heidi_flow_end_to_end(server: tuple[str, str]) -> None:
    base, api_key = server
    with httpx.Client(base_url=base, timeout=120) as api:
        jwt = api.get(
            "/jwt",
            params={"email": "dr.lee@clinic.example", "third_party_internal_id": "ehr-7"},
            headers={"Heidi-Api-Key": api_key},
        ).json()
        assert_heidi_response("/jwt", "get", jwt)
        api.headers["Authorization"] = f"Bearer {jwt['token']}"

        profile = api.post(
            "/patient-profiles",
            json={"first_name": "Sam", "last_name": "Okafor", "ehr_patient_id": "MRN-42"},
        ).json()
        session_id = api.post("/sessions", json={"patient_profile_id": profile["id"]}).json()[
            "session_id"
        ]
        api.patch(f"/sessions/{session_id}", json={"clinician_notes": ["Smoker, 10 pack-years"]})

        recording_id = api.post(f"/sessions/{session_id}/restful-segment-transcription").json()[
            "recording_id"
        ]
        recording = f"/sessions/{session_id}/restful-segment-transcription/{recording_id}"
        pieces = split_wav(fixture_path("bronchitis_visit.wav").read_bytes(), [15.0, 30.0])
        for index in (1, 0, 2):
            sent = api.post(
                f"{recording}:transcribe",
                data={"index": str(index)},
                files={"file": (f"{index}.wav", pieces[index], "audio/wav")},
            )
            assert sent.status_code == 200, sent.text
        live = _wait_for(
            api,
            f"/sessions/{session_id}/transcript/live",
            lambda body: all(c["status"] == "READY" for c in body["chunks"]),
        )
        assert_heidi_response("/sessions/{session_id}/transcript/live", "get", live)
        assert [c["status"] for c in live["chunks"]] == ["READY"] * 3
        assert api.post(f"{recording}:finish").status_code == 200

        transcript = api.get(f"/sessions/{session_id}/transcript").json()
        assert_heidi_response("/sessions/{session_id}/transcript", "get", transcript)
        assert transcript["status"] == "READY", transcript
        assert "bronchitis" in transcript["transcript"].lower()

        templates = api.get("/templates/consult-note-templates").json()["data"]
        note_pieces = _stream_lines(
            api,
            f"/sessions/{session_id}/consult-note",
            {
                "generation_method": "TEMPLATE",
                "template_id": templates[0]["id"],
                "addition": "",
                "voice_style": "GOLDILOCKS",
                "brain": "LEFT",
                "content_type": "MARKDOWN",
            },
        )
        note = "".join(note_pieces)
        assert len(note_pieces) > 1
        assert "bronchitis" in note.lower()
        stored = api.get(f"/sessions/{session_id}").json()
        assert_heidi_response("/sessions/{session_id}", "get", stored)
        assert stored["consult_note"]["result"].strip() == note.strip()
        assert stored["patient"]["name"] == "Sam Okafor"

        codes = _wait_for(
            api,
            f"/sessions/{session_id}/clinical-codes",
            lambda body: body["status"] != "PROCESSING",
            coding_system="ICD-10-CM",
        )
        assert_heidi_response("/sessions/{session_id}/clinical-codes", "get", codes)
        assert codes["status"] == "READY"
        assert "J20.9" in [e["primary_code"]["code"] for e in codes["entities"]]

        document_templates = [
            t
            for t in api.get("/templates/document-templates").json()["data"]
            if t["template_category"] == "DOCUMENT_TEMPLATE"
        ]
        document = api.post(
            f"/sessions/{session_id}/documents",
            json={
                "generation_method": "TEMPLATE",
                "template_id": document_templates[0]["id"],
                "voice_style": "BRIEF",
                "brain": "LEFT",
            },
        )
        assert document.status_code == 200, document.text
        assert_heidi_response("/sessions/{session_id}/documents", "post", document.json())
        listed = api.get(f"/sessions/{session_id}/documents").json()
        assert [d["id"] for d in listed["data"]] == [document.json()["id"]]

        answer = "".join(
            _stream_lines(
                api,
                f"/sessions/{session_id}/ask-ai",
                {
                    "ai_command_text": "How long has the patient had the cough?",
                    "content": note,
                    "content_type": "MARKDOWN",
                },
            )
        )
        assert answer.strip()
