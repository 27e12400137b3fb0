"""The coding benchmark keeps held-out visits out of sight while the coder is developed."""

from __future__ import annotations

import sys

import pytest
from benchmarks import coding, mts

from murmur.engines.coding.sources import transcript_sources
from tests.coding.gold import not_billable


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
    rows = coding._rows(coding.GOLD)

    assert len(rows) == 110
    assert not_billable(code for _, _, gold, _ in rows for code in gold.split()) == []


def test_every_mts_gold_code_is_billable_and_each_item_names_its_split() -> None:
    rows = coding._rows(coding.MTS_GOLD)

    assert len(rows) == 50
    assert {split for _, split, _, _ in rows} == set(mts.SPLITS)
    assert len({(split, item) for item, split, _, _ in rows}) == len(rows)
    assert not_billable(code for _, _, gold, _ in rows for code in gold.split()) == []


def test_mts_speakers_are_read_as_turns_not_as_words_of_the_turn() -> None:
    dialogue = "Doctor: Any fever?\nGuest_family: She has had asthma since two.\nDoctor_2: Okay."

    texts = [source.text for source in transcript_sources(mts.as_turns(dialogue))]

    assert texts == ["She has had asthma since two.", "Okay."]


def test_the_mts_table_reports_each_split_and_all_items() -> None:
    scored = [_scored("13", "mts-test"), _scored("20", "mts-valid"), _scored("72", "mts-train")]

    lines = coding._mts_table(scored)
    labels = [line.split("|")[1].strip() for line in lines[2:]]

    assert labels == [
        "test set 1",
        "validation set",
        "training set",
        "all (development from round 4)",
    ]
    assert all(line.split("|")[2].strip() == "1" for line in lines[2:5])
