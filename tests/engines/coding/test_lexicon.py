from __future__ import annotations

from collections import defaultdict

from murmur.engines.coding.code_set import icd10cm
from murmur.engines.coding.lexicon import SYMPTOM_GROUPS, lexicon
from murmur.engines.coding.matching import tokenize


def test_every_lexicon_code_exists_in_the_installed_code_set_and_is_billable() -> None:
    codes = icd10cm()

    missing = [e.code for e in lexicon() if e.code not in codes]
    not_billable = [e.code for e in lexicon() if (c := codes.lookup(e.code)) and not c.billable]
    assert missing == []
    assert not_billable == []


def test_every_symptom_a_diagnosis_explains_is_a_real_code() -> None:
    codes = icd10cm()

    explained = set().union(*SYMPTOM_GROUPS.values())
    assert sorted(c for c in explained if c not in codes) == []


def test_the_lexicon_covers_common_primary_care_conditions() -> None:
    by_phrase = {p: e.code for e in lexicon() for p in e.phrases}

    assert len(lexicon()) >= 80
    assert by_phrase["acute bronchitis"] == "J20.9"
    assert by_phrase["high blood pressure"] == "I10"
    assert by_phrase["type 2 diabetes"] == "E11.9"
    assert by_phrase["migraine"] == "G43.909"
    assert by_phrase["urinary tract infection"] == "N39.0"
    assert by_phrase["low back pain"] == "M54.50"  # FY2022 split M54.5
    assert by_phrase["cough"] == "R05.9"  # FY2021 split R05


def test_no_phrase_points_at_two_different_codes() -> None:
    codes_by_phrase: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for entry in lexicon():
        for phrase in entry.phrases:
            codes_by_phrase[tuple(tokenize(phrase))].add(entry.code)

    assert {p: c for p, c in codes_by_phrase.items() if len(c) > 1} == {}
