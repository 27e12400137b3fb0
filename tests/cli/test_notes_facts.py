"""``murmur notes facts``: a transcript's clinical facts as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from murmur.cli import main
from tests.notes.seed import BRONCHITIS


def test_facts_are_printed_with_their_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    transcript = tmp_path / "visit.txt"
    transcript.write_text(
        BRONCHITIS.replace("[doctor]", "Doctor:").replace("[patient]", "Patient:")
    )

    assert main(["notes", "facts", "--transcript", str(transcript)]) == 0

    facts = json.loads(capsys.readouterr().out)["facts"]
    (allergy,) = [f for f in facts if f["kind"] == "allergy"]
    assert allergy["substance"] == "penicillin"
    assert allergy["speaker"] == "patient"
    (evidence,) = allergy["evidence"]
    assert evidence["segment"] == 7
    assert "penicillin" in evidence["text"]


def test_an_empty_transcript_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    transcript = tmp_path / "empty.txt"
    transcript.write_text("\n")
    assert main(["notes", "facts", "--transcript", str(transcript)]) == 1
    assert "has no text" in json.loads(capsys.readouterr().out)["error"]
