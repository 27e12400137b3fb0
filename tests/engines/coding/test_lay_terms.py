"""Lay words, sides and status: the coder reads a note the way patients and clinicians talk."""

from __future__ import annotations

import pytest

from murmur.coding.domain import CodeSuggestion, CodeSystem
from murmur.engines.coding.offline import OfflineCoder


def _suggestions(note: str, transcript: str = "") -> list[CodeSuggestion]:
    found = OfflineCoder().code_text(note=note, transcript=transcript)
    return [s for s in found if s.system is CodeSystem.ICD10CM]


def _active(note: str, transcript: str = "") -> set[str]:
    return {s.code for s in _suggestions(note, transcript) if s.active}


@pytest.mark.parametrize(
    ("assessment", "code"),
    [
        ("High blood pressure.", "I10"),
        ("Sugar diabetes.", "E11.9"),
        ("Kidney stone.", "N20.0"),
        ("Afib.", "I48.91"),
        ("Acid reflux.", "K21.9"),
        ("Torn meniscus.", "S83.209A"),
        ("Broken wrist.", "S52.509A"),
        ("Diabetic foot ulcer.", "E11.621"),
        ("Heart attack in 2015.", "I25.2"),
        ("Underactive thyroid.", "E03.9"),
        ("Pink eye.", "H10.9"),
        ("Shingles.", "B02.9"),
        ("Frozen shoulder.", "M75.00"),
        ("Trigger finger.", "M65.30"),
        ("Elevated liver enzymes.", "R74.8"),
        ("Enlarged prostate.", "N40.0"),
        ("Sleep apnea.", "G47.33"),
        ("Low testosterone.", "E29.1"),
    ],
)
def test_a_lay_or_clinical_phrase_in_the_assessment_gets_its_code(
    assessment: str, code: str
) -> None:
    assert code in _active(f"ASSESSMENT\n{assessment}\n")


@pytest.mark.parametrize(
    ("assessment", "codes"),
    [
        ("Left knee osteoarthritis.", {"M17.12"}),
        ("Osteoarthritis of the right knee.", {"M17.11"}),
        ("Bilateral knee osteoarthritis.", {"M17.0"}),
        ("Knee pain on the right.", {"M25.561"}),
        ("Torn meniscus, right knee.", {"S83.206A"}),
        ("Broken wrist, left.", {"S52.502A"}),
        # No bilateral code: the right and the left one.
        ("Bilateral patellofemoral pain syndrome.", {"M22.2X1", "M22.2X2"}),
        ("Right ankle sprain of the anterior talofibular ligament.", {"S93.491A"}),
    ],
)
def test_the_stated_side_picks_the_sided_code(assessment: str, codes: set[str]) -> None:
    active = _active(f"ASSESSMENT\n{assessment}\n")

    assert codes <= active
    assert not {c for c in active if c[:3] == next(iter(codes))[:3]} - codes


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Denies chest pain or shortness of breath.", "R07.9"),
        ("No history of kidney stones.", "N20.0"),
        ("Her mother has afib.", "I48.91"),
        ("If you pass a kidney stone, call us.", "N20.0"),
        ("Western blot to evaluate for Lyme disease.", "A69.20"),
        ("Methylprednisolone causes itching.", "L29.9"),
        ("She is scheduled for a knee replacement next month.", "Z96.659"),
        ("I recommend we perform a hysterectomy.", "Z90.710"),
        ("We discussed that this is not a stroke.", "Z86.73"),
        ("I will refer you to the eye doctor for your yearly diabetic eye exam.", "Z01.00"),
    ],
)
def test_negated_hypothetical_and_planned_findings_are_never_active(
    sentence: str, code: str
) -> None:
    assert code not in _active(f"ASSESSMENT AND PLAN\n{sentence}\n")
    assert code not in _active("", f"[patient] {sentence}")


def test_a_spoken_question_without_a_question_mark_asserts_nothing() -> None:
    assert "J02.0" not in _active("", "[doctor] have you had strep throat in the past")


def test_history_of_a_condition_coded_as_current_is_not_reported_beside_it() -> None:
    suggestions = _suggestions(
        "ASSESSMENT\nKidney stone.\n- She has a history of kidney stones; this is her third.\n"
    )
    history = next(s for s in suggestions if s.code == "Z87.442")

    assert "N20.0" in {s.code for s in suggestions if s.active}
    assert not history.active
    assert "N20.0 codes the condition as current" in history.reason


def test_symptoms_told_under_a_listed_problem_are_not_coded_as_problems() -> None:
    note = (
        "ASSESSMENT AND PLAN\n"
        "1. Hypertension.\n"
        "- Medical Reasoning: She has some edema in her legs and occasional headaches.\n"
        "2. Right shoulder pain.\n"
    )
    active = _active(note)

    assert {"I10", "M25.511"} <= active
    assert not {"R60.0", "R51.9"} & active


def test_a_joint_diagnosis_accounts_only_for_pain_in_that_joint() -> None:
    active = _active("ASSESSMENT\nLeft knee osteoarthritis.\nRight shoulder pain.\nKnee pain.\n")

    assert {"M17.12", "M25.511"} <= active
    assert not {"M25.562", "M25.569"} & active


def test_diabetes_with_a_foot_ulcer_is_the_combination_plus_the_ulcer_site() -> None:
    active = _active("ASSESSMENT\n1. Non-healing ulcer, right foot\n2. Type 2 diabetes\n")

    assert {"E11.621", "L97.519"} <= active
    assert "E11.9" not in active


def test_a_stone_in_the_ureter_is_calculus_of_the_ureter() -> None:
    active = _active(
        "ASSESSMENT\nKidney stone.\n- CT shows a kidney stone in the proximal ureter.\n"
    )

    assert "N20.1" in active
