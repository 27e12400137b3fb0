from __future__ import annotations

import json
from pathlib import Path

import pytest

from murmur.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, str]]:
    code = main(list(args))
    return code, json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_admin_commands_print_json_credentials(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    _, tenant = _run(capsys, "admin", "--data-dir", data, "create-tenant", "--name", "Clinic")
    _, client = _run(
        capsys,
        "admin",
        "--data-dir",
        data,
        "create-client",
        "--tenant",
        tenant["tenantId"],
        "--email",
        "dr@clinic.example",
    )
    _, key = _run(
        capsys, "admin", "--data-dir", data, "create-api-key", "--tenant", tenant["tenantId"]
    )
    assert client["clientId"].startswith("pbc_")
    assert len(client["secret"]) > 30
    assert key["apiKey"].startswith("mk_")
    database = (tmp_path / "data" / "murmur.sqlite3").read_bytes()
    assert client["secret"].encode() not in database
    assert key["apiKey"].split("_", 2)[2].encode() not in database


def test_unknown_tenant_is_a_json_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, error = _run(
        capsys,
        "admin",
        "--data-dir",
        str(tmp_path),
        "create-client",
        "--tenant",
        "not-a-uuid",
        "--email",
        "dr@clinic.example",
    )
    assert code == 1
    assert "UUID" in error["error"]
    code, error = _run(
        capsys,
        "admin",
        "--data-dir",
        str(tmp_path),
        "create-api-key",
        "--tenant",
        "00000000-0000-4000-8000-000000000000",
    )
    assert code == 1
    assert "does not exist" in error["error"]
