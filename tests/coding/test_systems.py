from __future__ import annotations

import time

from murmur.coding.crosswalk import to_icd9, to_who
from murmur.coding.systems.directory import bundled, canonical


def test_icd10cm_is_the_fy2026_tabular_list_with_its_hierarchy() -> None:
    cm = bundled("ICD-10-CM")
    hypertension = cm.lookup("i10")

    assert cm.info.year == 2026
    assert hypertension is not None
    assert hypertension.billable
    assert hypertension.description == "Essential (primary) hypertension"
    assert "high blood pressure" in hypertension.inclusion_terms
    assert any("pregnancy" in note for note in hypertension.excludes1)
    assert [c.code for c in cm.parents("I10")] == ["I10-I1A", "9"]


def test_codes_added_after_fy2020_are_there_and_their_parents_are_not_billable() -> None:
    cm = bundled("ICD-10-CM")

    assert cm.lookup("F32.A") is not None
    assert cm.lookup("R05.9") is not None
    cough = cm.lookup("R05")
    assert cough is not None
    assert not cough.billable
    assert {c.code for c in cm.children("R05")} >= {"R05.1", "R05.9"}


def test_seventh_characters_are_generated_from_the_category_rules() -> None:
    cm = bundled("ICD-10-CM")
    initial = cm.lookup("S93.401A")
    placeholder = cm.lookup("S80.11XA")

    assert initial is not None
    assert initial.billable
    assert initial.description.endswith("right ankle, initial encounter")
    assert placeholder is not None
    assert placeholder.parent == "S80.11"
    leaf = cm.lookup("S93.401")
    assert leaf is not None
    assert not leaf.billable
    assert {c.code for c in cm.children("S93.401")} == {"S93.401A", "S93.401D", "S93.401S"}


def test_search_finds_lay_words_through_inclusion_terms_in_about_ten_milliseconds() -> None:
    cm = bundled("ICD-10-CM")
    cm.search("warm up")
    started = time.perf_counter()
    found = [cm.search(q, limit=5) for q in ("high blood pressure", "pain in right knee") * 5]
    per_query_ms = (time.perf_counter() - started) * 1000 / 10

    assert found[0][0].code == "I10"
    assert found[1][0].code == "M25.561"
    assert per_query_ms < 50  # about 3 ms here; generous for a loaded CI machine


def test_who_icd10_and_icd9cm_answer_with_their_own_editions() -> None:
    who, icd9 = bundled("ICD-10"), bundled("ICD-9-CM")

    assert who.info.year == 2019
    assert icd9.info.name == "ICD-9-CM"
    j45 = who.lookup("J45")
    assert j45 is not None
    assert not j45.billable
    assert {c.code for c in who.children("J45")} >= {"J45.0", "J45.9"}
    essential = icd9.lookup("401.9")
    assert essential is not None
    assert essential.description == "Unspecified essential hypertension"
    assert [c.code for c in icd9.parents("401.9")] == ["401"]


def test_icd10cm_codes_carry_over_to_icd9cm_and_who_icd10() -> None:
    carried = to_icd9("I10", bundled("ICD-9-CM"))
    who = to_who("E11.9", bundled("ICD-10"))

    assert carried is not None
    assert carried.code == "401.9"
    assert who is not None
    assert who.code == "E11.9"


def test_system_names_follow_the_heidi_enum() -> None:
    names = ["ICD-10", "ICD-10-CM", "ICD-9", "ICD-9-CM", "SNOMED", "SNOMED-CT", "OPCS-410"]
    names += ["ACHI-13", "CPT-2025", "snomed"]

    assert [canonical(n) for n in names] == [
        "ICD-10", "ICD-10-CM", "ICD-9-CM", "ICD-9-CM", "SNOMED-CT", "SNOMED-CT", "OPCS-410",
        "ACHI-13", "CPT", "SNOMED-CT",
    ]  # fmt: skip
