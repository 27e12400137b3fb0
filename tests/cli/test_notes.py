"""``murmur notes generate`` run as a user runs it: a subprocess on a pasted transcript."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from murmur.cli import main
from tests.notes.seed import BRONCHITIS


def _murmur(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "murmur.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "visit.txt"
    path.write_text(BRONCHITIS.replace("[doctor]", "Doctor:").replace("[patient]", "Patient:"))
    return path


def test_json_note_has_sections_sentences_and_evidence(transcript: Path, tmp_path: Path) -> None:
    result = _murmur("notes", "generate", "--transcript", str(transcript), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    note = json.loads(result.stdout)
    assert note["template"]["name"] == "SOAP Note"
    assert [s["key"] for s in note["sections"]] == ["subjective", "objective", "assessment", "plan"]
    sentences = [s for section in note["sections"] for s in section["sentences"]]
    assert sentences
    assert all(s["evidence"] for s in sentences)
    lines = BRONCHITIS.splitlines()
    for sentence in sentences:
        for evidence in sentence["evidence"]:
            assert lines[evidence["segment"]].endswith(evidence["text"])
    assert any("bronchitis" in s["text"].lower() for s in sentences)


def test_markdown_with_another_template_and_style(transcript: Path, tmp_path: Path) -> None:
    result = _murmur(
        "notes", "generate", "--transcript", str(transcript),
        "--template", "5f0a3c1e-8d1b-4c57-9b8e-1a2f7d9c0004", "--style", "brief",
        "--format", "markdown",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## Assessment\n")
    assert "## Subjective" in result.stdout


def test_html_from_stdin(transcript: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "murmur.cli", "notes", "generate", "--transcript", "-",
         "--format", "html"],
        input=transcript.read_text(), capture_output=True, text=True, timeout=120, check=False,
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<h2>Subjective</h2>\n<p>")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--template", "nope"], "5f0a3c1e-8d1b-4c57-9b8e-1a2f7d9c0001 SOAP Note"),
        (["--style", "POETIC"], "is not one of BRIEF"),
        (["--style", "MY_VOICE"], "needs --example"),
        (["--transcript", "/no/such/file.txt"], "cannot read the transcript"),
    ],
)
def test_bad_options_are_clear_errors(
    transcript: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["notes", "generate", "--transcript", str(transcript), *extra]) == 1
    assert message in json.loads(capsys.readouterr().out)["error"]


def test_tenant_templates_and_example_notes_are_stored_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MURMUR_DATABASE_URL", raising=False)
    data = ["--data-dir", str(tmp_path / "data")]
    assert main(["admin", *data, "create-tenant", "--name", "Clinic"]) == 0
    tenant = json.loads(capsys.readouterr().out)["tenantId"]
    definition = tmp_path / "template.json"
    definition.write_text(json.dumps({"name": "Wound check", "sections": [
        {"key": "wound", "title": "Wound", "draws_from": ["examination"]}]}))  # fmt: skip
    assert (
        main(["notes", "add-template", "--tenant", tenant, "--file", str(definition), *data]) == 0
    )
    created = json.loads(capsys.readouterr().out)
    assert created["name"] == "Wound check"
    example = tmp_path / "example.txt"
    example.write_text("CC: cough. A/P: bronchitis, inhaler.")
    args = ["--tenant", tenant, "--email", "dr@clinic.example", "--file", str(example), *data]
    assert main(["notes", "set-example", *args]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "providerEmail": "dr@clinic.example",
        "exampleNote": "stored",
    }
    definition.write_text(json.dumps({"name": "Broken", "sections": [{"key": "Bad Key"}]}))
    assert (
        main(["notes", "add-template", "--tenant", tenant, "--file", str(definition), *data]) == 1
    )
    assert "lower_snake_case" in json.loads(capsys.readouterr().out)["error"]
    definition.write_text("{not json")
    assert (
        main(["notes", "add-template", "--tenant", tenant, "--file", str(definition), *data]) == 1
    )
    assert "not JSON" in json.loads(capsys.readouterr().out)["error"]
