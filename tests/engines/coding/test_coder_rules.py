"""Rules a certified coder applies that a reader of the codes would notice when missing:
combination codes, the site and side of a problem, preventive services done elsewhere or
later, doubtful diagnoses, and history lists."""

from __future__ import annotations

import pytest

from murmur.coding.domain import CodeSuggestion, CodeSystem
from murmur.engines.coding.offline import OfflineCoder


def _active(note: str, transcript: str = "") -> dict[str, CodeSuggestion]:
    suggestions = OfflineCoder().code_text(note=note, transcript=transcript)
    return {s.code: s for s in suggestions if s.system is CodeSystem.ICD10CM and s.active}


def _plan(*problems: str) -> str:
    return "ASSESSMENT AND PLAN\n\n" + "\n\n".join(problems) + "\n"


def test_type_2_diabetes_with_stage_3_ckd_is_the_combination_code_plus_the_stage() -> None:
    active = _active(_plan("Type 2 diabetes with stage 3 chronic kidney disease."))

    assert {"E11.22", "N18.30"} <= set(active)
    assert "E11.9" not in active
    assert "I.A.15" in active["E11.22"].reason


def test_hypertension_diabetes_and_ckd_give_all_three_combination_codes() -> None:
    active = _active(_plan("Hypertension.", "Chronic kidney disease stage 3b.", "Type 2 diabetes."))

    assert {"I12.9", "E11.22", "N18.32"} <= set(active)
    assert not {"I10", "E11.9"} & set(active)


def test_peripheral_neuropathy_of_a_diabetic_is_diabetic_polyneuropathy() -> None:
    active = _active(
        _plan(
            "Diabetes type 2.\n• Medical Reasoning: His blood sugars have been running high.",
            "Peripheral neuropathy.\n• Medical Treatment: Gabapentin.",
        )
    )

    assert {"E11.65", "E11.42"} <= set(active)
    assert not {"G62.9", "E11.9"} & set(active)


def test_hyperglycemia_in_a_known_diabetic_is_diabetes_with_hyperglycemia() -> None:
    note = (
        "ASSESSMENT AND PLAN\n\nHe is a 62-year-old male with a past medical history "
        "significant for type 2 diabetes.\n\nHyperglycemia.\n• Medical Treatment: Increase "
        "Lantus.\n"
    )
    active = _active(note)

    assert "E11.65" in active
    assert "R73.9" not in active


def test_hyperglycemia_without_diabetes_stays_a_finding() -> None:
    active = _active(_plan("Hyperglycemia.\n• Additional Testing: Repeat glucose."))

    assert "R73.9" in active
    assert not any(code.startswith("E11") for code in active)


def test_a_diabetic_foot_ulcer_is_reported_with_its_site_and_side() -> None:
    active = _active(_plan("Right diabetic foot ulcer.\n• Medical Treatment: Debridement."))

    assert {"E11.621", "L97.519"} <= set(active)


def test_a_problem_at_several_sites_gets_a_code_per_site() -> None:
    active = _active(
        _plan("Multiple benign melanocytic nevi of upper and lower extremities and trunk.")
    )

    assert {"D22.5", "D22.60", "D22.70"} <= set(active)
    assert "D22.9" not in active


@pytest.mark.parametrize(
    ("problem", "code"),
    [
        ("L4-5 herniated disc with radiculopathy.", "M51.16"),
        ("Acute disc herniation at L4-5 with nerve root impingement.", "M51.16"),
        ("L5-S1 disc herniation.", "M51.27"),
        ("Right index finger DIP joint sprain.", "S63.630A"),
        ("Right lateral malleolar fracture.", "S82.61XA"),
        ("Ganglion cyst, left wrist.", "M67.432"),
        ("Anterior cruciate ligament tear, left knee.", "S83.512A"),
        ("Major depressive disorder, recurrent, moderate.", "F33.1"),
        ("Moderate persistent asthma with exacerbation.", "J45.41"),
        ("Interstitial cystitis.", "N30.10"),
    ],
)
def test_the_most_specific_code_the_words_support(problem: str, code: str) -> None:
    assert code in _active(_plan(problem))


def test_asthma_is_uncomplicated_unless_an_exacerbation_is_stated() -> None:
    note = _plan(
        "Newly diagnosed allergic asthma.\n\nHe should use albuterol when he is experiencing "
        "a severe flare-up of symptoms."
    )
    active = _active(note)

    assert "J45.909" in active
    assert "J45.901" not in active


def test_psoriatic_arthritis_is_not_arthritis_mutilans() -> None:
    active = _active(_plan("Psoriatic arthritis.\nStable on methotrexate."))

    assert "L40.50" in active
    assert "L40.52" not in active


def test_high_risk_medication_use_is_coded_by_the_drug_the_plan_names() -> None:
    note = (
        "ASSESSMENT\n\n• Psoriatic arthritis.\n• High risk medication use.\n\nPLAN\n\n"
        "Psoriatic arthritis.\nStable on methotrexate and prednisone.\n"
    )
    active = _active(note)

    assert "Z79.631" in active  # the tabular list: long term use of methotrexate
    assert "Z79.899" not in active


def test_a_disease_named_only_as_a_test_or_a_vaccine_is_not_coded() -> None:
    note = _plan(
        "Upper respiratory infection.\n• Medical Reasoning: He has received both doses of the "
        "COVID-19 vaccination.\n• Additional Testing: We will obtain a COVID-19 test to rule "
        "this out."
    )
    active = _active(note)

    assert "J06.9" in active
    assert "U07.1" not in active
    assert "Z23" not in active  # vaccinated before, not at this visit


def test_a_vaccine_given_today_is_coded_and_a_screening_only_ordered_is_not() -> None:
    note = _plan(
        "Annual exam.",
        "Health maintenance.\n• She is due for her mammogram; we will order a screening "
        "mammogram.\n• She received her flu shot today.",
    )
    active = _active(note)

    assert {"Z00.00", "Z23"} <= set(active)
    assert "Z12.31" not in active


def test_a_doubtful_diagnosis_in_the_reasoning_is_not_coded_but_the_problem_is() -> None:
    active = _active(_plan("Back pain.\n• Medical Reasoning: I believe she has a lumbar strain."))

    assert "M54.9" in active
    assert "S39.012A" not in active


def test_a_known_condition_is_coded_even_when_a_sentence_about_it_is_doubtful() -> None:
    active = _active(
        _plan(
            "1. Shortness of breath.\n- Medical Reasoning: I believe this is an exacerbation "
            "of her congestive heart failure."
        )
    )

    assert "I50.9" in active


def test_a_diagnosis_the_clinician_tells_the_patient_is_coded_not_its_symptoms() -> None:
    """Said in the visit, "I think you have ..." gives the diagnosis; it is not doubt (in a
    note's written reasoning, "I believe she has ..." is: see above)."""
    transcript = (
        "[patient] I've had a bad cough for a week and some wheezing.\n"
        "[doctor] Any fever?\n[patient] No fever.\n"
        "[doctor] I think you have acute bronchitis. I'll give you an inhaler.\n"
    )
    active = _active("", transcript)

    assert "J20.9" in active
    assert not {"R05.9", "R06.2", "R50.9"} & set(active)


def test_a_symptom_asked_about_and_denied_in_a_lower_case_transcript_is_not_coded() -> None:
    transcript = "any fever? no fever. any chest pain? no. i think this is acute bronchitis."
    active = _active("", transcript)

    assert "J20.9" in active
    assert not {"R50.9", "R07.9"} & set(active)


def test_a_suspected_problem_is_coded_by_the_symptom_the_note_reports() -> None:
    note = (
        "CHIEF COMPLAINT\n\nChest pain.\n\nHISTORY OF PRESENT ILLNESS\n\nHe describes "
        "intermittent chest pain with exertion.\n\n"
        + _plan("1. Suspected angina.\n- Stress test ordered.", "2. Hypertension.")
    )
    active = _active(note)

    assert {"R07.9", "I10"} <= set(active)
    assert not any(code.startswith("I20") for code in active)


def test_conditions_only_in_the_summary_history_list_are_not_coded() -> None:
    note = (
        "ASSESSMENT AND PLAN\n\nJane Doe is a 50-year-old female with a past medical history "
        "significant for depression, type 2 diabetes, asthma, and hypertension, who presents "
        "today with a right ankle sprain.\n\nRight ankle sprain.\n• Ice and rest.\n"
    )
    active = _active(note)

    assert set(active) == {"S93.401A"}


def test_a_long_history_of_smoking_in_a_current_smoker_is_not_a_former_smoker() -> None:
    active = _active(
        _plan(
            "Nicotine dependence.\n- Medical Reasoning: The patient has a long history of "
            "smoking cigarettes. He is currently smoking 1.5 packs per day."
        )
    )

    assert "Z87.891" not in active
    assert any(code.startswith("F17.2") for code in active)


def test_kidney_stone_location_and_its_hematuria() -> None:
    note = (
        "ASSESSMENT\n\n• Hematuria.\n• Chronic urolithiasis.\n\nThe patient has had recurrent "
        "hematuria secondary to chronic urolithiasis. The renal ultrasound revealed a 6 mm "
        "non-obstructing renal stone in the left kidney.\n"
    )
    active = _active(note)

    assert "N20.0" in active
    assert not {"N20.9", "R31.9"} & set(active)  # the stone's site; hematuria is its symptom


def test_a_denied_list_negates_every_item_however_long() -> None:
    transcript = (
        "[patient] No dizziness, light-headedness, or a dry cough, since we raised the dose."
    )
    active = _active("", transcript)

    assert not {"R42", "R05.9", "R05.1"} & set(active)


def test_a_shorthand_impression_line_is_the_assessment() -> None:
    note = (
        "3/7 hx of watery diarrhoea and vomiting. Lethargic and weak since.\n"
        "PMH: Asthma\n\nImp: gastroenteritis\n\nPlan: rest, push fluids, review in 3-5 days.\n"
    )
    active = _active(note)

    assert "K52.9" in active
    assert not {"J45.909", "J45.20"} & set(active), "history the impression does not address"


def test_a_note_whose_assessment_was_not_discussed_is_coded_from_what_it_reports() -> None:
    """The grounded writer puts "Not discussed." under a heading the visit said nothing for;
    that is no assessment, so the conditions the note reports are still coded."""
    note = (
        "## Subjective\nThe patient reports her asthma has been worse this month. She also has "
        "type 2 diabetes.\n\n## Assessment\nNot discussed.\n\n## Plan\nNot discussed.\n"
    )
    active = _active(note)

    assert {"J45.909", "E11.9"} <= set(active)
