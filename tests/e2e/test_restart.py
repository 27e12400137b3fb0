"""A server killed mid-processing resumes the work after restart: nothing stays pending."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from tests.fixtures.audio import fixture_path
from tests.serving import free_port, murmur_env, run_json, start_serve

pytestmark = pytest.mark.slow


def _live_job(database: Path) -> tuple[str, int] | tuple[None, None]:
    with closing(sqlite3.connect(database)) as connection:
        row = connection.execute(
            "SELECT status, attempts FROM jobs WHERE kind = 'transcribe_live'"
        ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def test_killed_server_resumes_processing_after_restart(
    tmp_path: Path, model_cache_dir: Path
) -> None:
    env = murmur_env(tmp_path, model_cache_dir, JOB_LEASE_SECONDS="6")
    tenant = run_json(["admin", "create-tenant", "--name", "Clinic"], env)["tenantId"]
    credentials = run_json(
        ["admin", "create-client", "--tenant", tenant, "--email", "dr@clinic.example"], env
    )
    port = free_port()
    server, base = start_serve(env, tmp_path / "serve.log", port=port)
    api = httpx.Client(base_url=f"{base}/v1", timeout=30)
    token = api.post("/authorize", json=credentials).json()["idToken"]
    api.headers["Authorization"] = f"Bearer {token}"
    created = api.post("/notes", json={}).json()
    audio = fixture_path("bronchitis_visit.wav").read_bytes()
    httpx.put(created["url"], content=audio, headers={"Content-Type": "audio/wav"})
    database = tmp_path / "data" / "murmur.sqlite3"
    deadline = time.monotonic() + 30
    while _live_job(database)[0] != "running" and time.monotonic() < deadline:
        time.sleep(0.05)
    server.send_signal(signal.SIGKILL)  # killed while transcribing the upload live
    server.wait()

    server, base = start_serve(env, tmp_path / "serve.log", port=port)
    try:
        api.post(f"/notes/{created['id']}/finish").raise_for_status()
        deadline = time.monotonic() + 120
        note = api.get(f"/notes/{created['id']}").json()
        while note["status"] == "pending" and time.monotonic() < deadline:
            time.sleep(0.5)
            note = api.get(f"/notes/{created['id']}").json()
        assert note["status"] == "success", json.dumps(note)[:500]
        # Finishing transcribes what is left itself, so the note can be done before the killed
        # live job's lease (6 s) lapses; that job must then be taken over and end as a no-op.
        deadline = time.monotonic() + 60
        while _live_job(database) != ("succeeded", 2) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _live_job(database) == ("succeeded", 2)
        transcript = api.get(f"/notes/{created['id']}/transcription").json()
        texts = [segment["text"] for segment in transcript["object"]["segments"]]
        assert len(texts) == len(set(texts)), "a re-run job must not duplicate segments"
        assert api.get(f"/notes/{created['id']}").json()["status"] == "success"
    finally:
        api.close()
        server.terminate()
        server.wait(timeout=30)
