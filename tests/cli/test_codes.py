"""``murmur codes`` and ``murmur admin load-codes`` as an operator runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.coding.release_files import write_rf2_snapshot

NOTE = """ASSESSMENT AND PLAN
Hypertension, well controlled on lisinopril.
Right ankle sprain.
She denies chest pain. Her mother has diabetes.
"""


def _murmur(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "murmur.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _json(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return payload


def test_codes_prints_active_codes_with_evidence_offsets(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")

    result = _murmur("codes", "--text-file", str(note), "--system", "ICD-10-CM", "--format", "json")

    assert result.returncode == 0, result.stderr
    entities = {e["code"]: e for e in _json(result)["entities"]}
    assert entities["I10"]["active"]
    assert entities["S93.401A"]["active"]
    assert "R07.9" not in entities
    assert "E11.9" not in entities
    reference = entities["I10"]["references"][0]
    assert NOTE[reference["start"] : reference["end"]] == reference["text"]
    assert entities["S93.401A"]["hierarchy"][0].startswith("19 ")


def test_unknown_and_unloaded_systems_are_refused_with_what_to_do(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    data = str(tmp_path / "data")

    unknown = _murmur("codes", "--text-file", str(note), "--system", "ICD-11")
    unloaded = _murmur("codes", "--text-file", str(note), "--system", "SNOMED", "--data-dir", data)

    assert unknown.returncode == 1
    assert "ICD-10-CM" in _json(unknown)["error"]
    assert unloaded.returncode == 1
    assert "murmur admin load-codes --system SNOMED-CT" in _json(unloaded)["error"]


def test_a_loaded_snomed_release_codes_the_visit(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    data = str(tmp_path / "data")
    rf2 = write_rf2_snapshot(tmp_path / "rf2")

    loaded = _murmur("admin", "--data-dir", data, "load-codes", "--system", "SNOMED-CT", "--path",
                     str(rf2))  # fmt: skip
    coded = _murmur("codes", "--text-file", str(note), "--system", "SNOMED-CT", "--data-dir",
                    data, "--format", "json")  # fmt: skip

    assert loaded.returncode == 0, loaded.stderr
    assert _json(loaded)["concepts"] == 7
    assert coded.returncode == 0, coded.stderr
    codes = [e["code"] for e in _json(coded)["entities"]]
    assert codes[0] in {"38341003", "59621000"}  # hypertension
