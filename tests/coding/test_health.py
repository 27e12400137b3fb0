from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from murmur.coding import licensed
from murmur.coding.loaders import opcs
from murmur.services import Services
from tests.coding.release_files import write_opcs


def test_health_lists_each_code_system_with_edition_and_year(
    client: TestClient, services: Services, tmp_path: Path
) -> None:
    with services.transactions.writing() as session:
        licensed.store(session, opcs.read(write_opcs(tmp_path)))

    body = client.get("/health").json()
    systems = {s["system"]: s for s in body["codeSystems"]}

    assert body["status"] == "ok"
    assert systems["ICD-10-CM"]["year"] == 2026
    assert "FY2026" in systems["ICD-10-CM"]["edition"]
    assert systems["ICD-10"]["year"] == 2019
    assert systems["ICD-9-CM"]["loaded"]
    assert systems["OPCS-410"]["loaded"]
    assert systems["OPCS-410"]["concepts"] == 5
    assert not systems["SNOMED-CT"]["loaded"]
    assert systems["SNOMED-CT"]["licensed"]
    assert client.get("/healthz").json()["status"] == "ok"
