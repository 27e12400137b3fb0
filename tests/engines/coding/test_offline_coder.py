from __future__ import annotations

from murmur.coding.domain import CodeSystem
from tests.engines.coding.coded import code_visit, icd
from tests.engines.notes.grounded.visits import BRONCHITIS, CHRONIC_FOLLOW_UP, SPANISH


def test_a_bronchitis_visit_is_coded_j20_9_from_the_assessment() -> None:
    codes = icd(code_visit(BRONCHITIS))

    bronchitis = codes["J20.9"]
    assert bronchitis.active
    assert bronchitis.reason.startswith("Assessment states acute bronchitis")
    assert bronchitis.source_sentences[0] == "acute bronchitis."
    assert bronchitis.confidence >= 0.9


def test_denied_chest_pain_is_not_coded() -> None:
    assert "R07.9" not in icd(code_visit(BRONCHITIS))


def test_symptoms_of_the_coded_diagnosis_are_listed_inactive() -> None:
    cough = icd(code_visit(BRONCHITIS))["R05.9"]

    assert not cough.active
    assert "symptom of coded diagnosis J20.9" in cough.reason


def test_a_hypertension_and_diabetes_follow_up_gets_i10_and_e11_9() -> None:
    codes = icd(code_visit(CHRONIC_FOLLOW_UP))

    assert codes["I10"].active
    assert codes["E11.9"].active


def test_an_uncertain_diagnosis_is_suggested_but_not_active() -> None:
    codes = icd(code_visit(["I've had a fever and a cough.", "This could be pneumonia."]))

    assert not codes["J18.9"].active
    assert "uncertain" in codes["J18.9"].reason
    assert codes["R05.9"].active  # its symptoms are coded instead


def test_the_more_specific_diabetes_code_wins() -> None:
    codes = icd(
        code_visit(["You have type 2 diabetes.", "Your diabetes is uncontrolled, your A1c was 9."])
    )

    assert codes["E11.65"].active
    assert not codes["E11.9"].active


def test_an_assessment_outside_the_lexicon_is_found_in_the_code_descriptions() -> None:
    codes = icd(code_visit(["I think this is costochondritis."]))

    cyst = codes["M94.0"]
    assert cyst.active
    assert "tabular list" in cyst.reason


def test_confidence_is_a_probability_and_active_codes_come_first() -> None:
    suggestions = code_visit(BRONCHITIS)
    icd_codes = [s for s in suggestions if s.system is CodeSystem.ICD10CM]

    assert all(0.0 <= s.confidence <= 1.0 for s in suggestions)
    assert [s.active for s in icd_codes] == sorted((s.active for s in icd_codes), reverse=True)


def test_exactly_one_office_visit_code_closes_the_list() -> None:
    suggestions = code_visit(BRONCHITIS)

    assert [s.system for s in suggestions].count(CodeSystem.CPT) == 1
    assert suggestions[-1].system is CodeSystem.CPT


def test_a_stated_side_gives_the_lateral_code() -> None:
    codes = icd(code_visit(["My right elbow pain started last week."]))

    assert codes["M25.521"].description == "Pain in right elbow"
    assert "M25.529" not in codes


def test_a_spanish_visit_is_coded_without_failing() -> None:
    suggestions = code_visit(SPANISH)

    assert suggestions[-1].system is CodeSystem.CPT
