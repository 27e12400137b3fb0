"""``murmur worker`` is a separate process that processes what the API queued."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

import pytest
from fastapi.testclient import TestClient

from murmur.encounters.service import get_encounter
from murmur.services import Services
from tests.builders import create_note, new_caller, upload


# The worker subprocess reads what the API committed, over its own connection.
@pytest.mark.committed
def test_worker_process_finishes_queued_work(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    created = create_note(client, caller)
    upload(client, created["url"], b"")
    assert (
        client.post(f"/v1/notes/{created['id']}/finish", headers=caller.headers).status_code == 200
    )

    settings = services.settings
    env = {
        **os.environ,
        "MURMUR_DATA_DIR": str(settings.data_dir),
        "MURMUR_DATABASE_URL": settings.resolved_database_url,
        "MURMUR_JOB_POLL_SECONDS": "0.1",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "murmur.cli", "worker"], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        status = "pending"
        while status == "pending" and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
            with services.transactions.writing() as session:
                encounter = get_encounter(
                    session, tenant_id=caller.tenant_id, encounter_id=uuid.UUID(created["id"])
                )
                status, reason = encounter.status, encounter.error_reason
    finally:
        worker.terminate()
        out, _ = worker.communicate(timeout=30)
    assert status == "error"
    assert reason is not None
    assert reason.startswith("audio could not be decoded")
    assert '"worker started"' in out
    assert worker.returncode == 0
