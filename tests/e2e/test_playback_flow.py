"""The whole Playback flow on real speech: a real ``murmur serve`` process over real HTTP, the
real speech model, and a spoken doctor-patient visit."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.contract import assert_playback_response
from tests.fixtures.audio import fixture_path
from tests.serving import murmur_env, run_json, serving

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path: Path, model_cache_dir: Path) -> Iterator[tuple[str, dict[str, str]]]:
    env = murmur_env(tmp_path, model_cache_dir)
    tenant = run_json(["admin", "create-tenant", "--name", "Clinic"], env)["tenantId"]
    credentials = run_json(
        ["admin", "create-client", "--tenant", tenant, "--email", "dr.lee@clinic.example"], env
    )
    with serving(env, tmp_path / "serve.log") as base:
        yield base, credentials


def test_spoken_visit_becomes_transcript_note_and_codes(
    server: tuple[str, dict[str, str]],
) -> None:
    base, credentials = server
    with httpx.Client(base_url=f"{base}/v1", timeout=30) as api:
        token = api.post("/authorize", json=credentials).json()["idToken"]
        api.headers["Authorization"] = f"Bearer {token}"
        created = api.post("/notes", json={"patientId": "MRN-42", "language": "english"}).json()
        put = httpx.put(
            created["url"],
            content=fixture_path("bronchitis_visit.wav").read_bytes(),
            headers={"Content-Type": "audio/wav"},
        )
        assert put.status_code == 200
        assert api.post(f"/notes/{created['id']}/finish").json() == {"success": True}

        deadline = time.monotonic() + 240
        note = api.get(f"/notes/{created['id']}").json()
        while note["status"] == "pending" and time.monotonic() < deadline:
            time.sleep(1)
            note = api.get(f"/notes/{created['id']}").json()
        assert note["status"] == "success", note
        assert_playback_response("/notes/{id}", "get", note)

        transcription = api.get(f"/notes/{created['id']}/transcription").json()
        assert_playback_response("/notes/{id}/transcription", "get", transcription)
        spoken = transcription["text"].lower()
        for word in ("cough", "fever", "bronchitis", "inhaler", "antibiotics"):
            assert word in spoken, f"{word!r} missing from transcript: {spoken}"
        segments = transcription["object"]["segments"]
        roles = {s["text"].lower(): s["speaker"] for s in segments}
        assert set(roles.values()) == {"CLINICIAN", "PATIENT"}
        opening = next(text for text in roles if "brings you in" in text)
        complaint = next(text for text in roles if "for five days" in text or "for 5 days" in text)
        assert (roles[opening], roles[complaint]) == ("CLINICIAN", "PATIENT")
        assert segments
        assert all(s["start"] < s["end"] <= 45 for s in segments)

        sections = [section["title"] for section in note["noteObject"]["sections"]]
        assert sections == ["Subjective", "Objective", "Assessment", "Plan"]
        for section in note["noteObject"]["sections"]:
            for sentence in section["sentences"]:
                if not sentence["text"].startswith("Per intake context"):
                    assert sentence["evidence"], sentence
        assert "bronchitis" in note["note"].lower()

        codes = api.get(f"/notes/{created['id']}/billingcodes").json()
        assert_playback_response("/notes/{id}/billingcodes", "get", codes)
        assert "J20.9" in [code["code"] for code in codes["icdCodes"]]
        assert codes["cptCodes"]
        assert codes["cptCodes"][0]["code"].startswith("992")

        listed = api.get("/transcriptions", params={"status": "success"}).json()
        assert [item["noteId"] for item in listed["data"]] == [created["id"]]
