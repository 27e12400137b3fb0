"""The PriMock57 coding gold set is well formed and the benchmark feeds the coder real visits."""

from __future__ import annotations

import pytest
from benchmarks import coding_primock
from benchmarks.primock import PRIMOCK_DIR

from tests.coding.gold import not_billable

pytestmark = pytest.mark.skipif(
    not (PRIMOCK_DIR / "notes").is_dir(), reason="PriMock57 is not in ../shared/eval-data"
)


def test_every_gold_code_is_a_billable_fy2026_leaf() -> None:
    rows = coding_primock.read_gold()

    assert rows
    assert all(row.codes for row in rows)
    assert not_billable(code for row in rows for code in row.codes) == []


def test_gold_ids_are_unique_primock_consultations() -> None:
    ids = [row.consultation for row in coding_primock.read_gold()]

    assert len(ids) == len(set(ids))
    assert {row.split for row in coding_primock.read_gold()} == {coding_primock.SPLIT}
    assert [i for i in ids if not (PRIMOCK_DIR / "notes" / f"{i}.json").is_file()] == []


def test_the_coder_reads_the_clinicians_note_and_a_role_tagged_dialogue() -> None:
    first = coding_primock.read_gold()[0].consultation

    note = coding_primock.note_text(first)
    lines = coding_primock.transcript(first).splitlines()

    assert "Imp:" in note
    assert {line.split("] ", 1)[0] + "]" for line in lines} == {"[doctor]", "[patient]"}
    assert all(line.split("] ", 1)[1].strip() for line in lines)
    assert not any("<UNIN" in line or "<UNSURE>" in line for line in lines)
