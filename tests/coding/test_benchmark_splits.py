"""The coding benchmark keeps held-out visits out of sight while the coder is developed."""

from __future__ import annotations

import sys

import pytest
from benchmarks import coding

from murmur.engines.coding.icd10cm import icd10cm


def _scored(encounter_id: str, split: str) -> coding.Scored:
    return coding.Scored(encounter_id, split, frozenset({"I10"}), frozenset({"I10"}), 1.0)


def test_test1_is_split_by_encounter_number_and_valid_is_held_out() -> None:
    assert _scored("D2N088", "test1").half == "test1-dev"
    assert _scored("D2N089", "test1").half == "test1-held"
    assert _scored("D2N089", "test1").held_out
    assert _scored("D2N078", "valid").held_out
    assert not _scored("D2N001", "train").held_out


def test_the_table_reports_each_split_and_held_out_combined() -> None:
    scored = [_scored("D2N001", "train"), _scored("D2N088", "test1"), _scored("D2N089", "test1")]
    scored.append(_scored("D2N078", "valid"))

    labels = [line.split("|")[1].strip() for line in coding._table(scored)[2:]]

    assert labels == [
        "train (development)",
        "test1 even (development)",
        "valid (held out)",
        "test1 odd (held out)",
        "held out combined",
        "all",
    ]


def test_held_out_misses_cannot_be_listed_while_scoring_development_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "argv", ["coding", "--development", "--show-held-out"])

    with pytest.raises(SystemExit):
        coding.main()


def test_every_gold_code_is_a_billable_fy2026_code() -> None:
    codes = icd10cm()
    rows = coding._rows(coding.GOLD)
    not_billable = [
        (encounter, code)
        for encounter, _, gold, _ in rows
        for code in gold.split()
        if (found := codes.lookup(code)) is None or not found.billable
    ]

    assert len(rows) == 110
    assert not_billable == []
