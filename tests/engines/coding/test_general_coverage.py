"""Round 4 rule classes: injuries and foreign bodies by site and episode, combination codes
beyond diabetes and hypertension, the tabular list's NOS defaults, past conditions listed as
problems, and symptoms a short assessment lists as problems of their own."""

from __future__ import annotations

import pytest

from murmur.coding.domain import CodeSuggestion, CodeSystem
from murmur.engines.coding.history import personal_history_code
from murmur.engines.coding.offline import OfflineCoder


def _active(note: str, transcript: str = "") -> dict[str, CodeSuggestion]:
    suggestions = OfflineCoder().code_text(note=note, transcript=transcript)
    return {s.code: s for s in suggestions if s.system is CodeSystem.ICD10CM and s.active}


def _assessment(text: str) -> set[str]:
    return set(_active(f"ASSESSMENT\n{text}\n"))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Foreign body in the right eye.", "T15.91XA"),
        ("Foreign body, left ear.", "T16.2XXA"),
        ("Foreign body in the left nostril.", "T17.1XXA"),
        ("Splinter in finger.", "S60.459A"),
    ],
)
def test_a_foreign_body_is_coded_by_its_site_and_side_as_an_initial_encounter(
    text: str, code: str
) -> None:
    assert code in _assessment(text)


def test_aftercare_of_a_treated_injury_is_the_subsequent_encounter() -> None:
    codes = _assessment("Aftercare of multiple injuries from a fall.")

    assert "T07.XXXD" in codes
    assert "T07.XXXA" not in codes


def test_an_open_wound_of_a_named_leg_takes_the_side() -> None:
    assert "S81.802A" in _assessment("Open wound of the left leg.")


def test_cellulitis_and_abscess_of_a_named_limb_take_the_limb_and_side() -> None:
    assert "L03.116" in _assessment("Cellulitis of the left leg.")
    assert "L02.415" in _assessment("Abscess of the right thigh.")


def test_gallstones_with_cholecystitis_are_one_combination_code() -> None:
    codes = _assessment("1. Cholelithiasis. 2. Acute cholecystitis.")

    assert "K80.00" in codes
    assert not {"K80.20", "K81.0"} & codes


def test_copd_with_pneumonia_adds_the_lower_respiratory_infection_code() -> None:
    codes = _assessment("1. COPD. 2. Pneumonia.")

    assert {"J44.0", "J18.9"} <= codes
    assert "J44.9" not in codes


def test_the_organism_is_coded_beside_the_infection_it_causes() -> None:
    codes = _assessment("Urinary tract infection due to E. coli.")

    assert {"N39.0", "B96.20"} <= codes


@pytest.mark.parametrize(
    ("text", "code", "not_code"),
    [
        ("Sinusitis.", "J32.9", "J01.90"),
        ("Serous otitis.", "H65.90", "H66.90"),
        ("Acute sinusitis.", "J01.90", "J32.9"),
    ],
)
def test_a_bare_term_takes_the_tabular_lists_nos_code(text: str, code: str, not_code: str) -> None:
    codes = _assessment(text)

    assert code in codes
    assert not_code not in codes


@pytest.mark.parametrize(
    ("text", "code", "current"),
    [
        ("1. Hypertension. 2. History of hepatitis C.", "Z86.19", "B19.20"),
        ("1. Hypertension. 2. History of pneumonia.", "Z87.01", "J18.9"),
        ("1. Hypertension. 2. History of tubal ligation.", "Z98.51", None),
    ],
)
def test_history_of_a_past_condition_listed_as_a_problem_is_its_personal_history_code(
    text: str, code: str, current: str | None
) -> None:
    codes = _assessment(text)

    assert code in codes
    assert current not in codes


def test_a_chronic_condition_under_history_of_with_its_treatment_stays_current() -> None:
    codes = _assessment("History of gout.\nContinue allopurinol 300 mg daily.")

    assert "M10.9" in codes
    assert "Z87.39" not in codes


def test_personal_history_codes_follow_the_chapter_of_the_condition() -> None:
    assert personal_history_code("I21.9") == "I25.2"
    assert personal_history_code("S52.501A") == "Z87.81"
    assert personal_history_code("E11.9") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1. Atrial fibrillation. 2. Dizziness.", "R42"),
        ("1. Iron deficiency anemia. 2. Fatigue.", "R53.83"),
        ("1. Generalized weakness. 2. Deconditioning.", "R53.81"),
        ("1. Urinary frequency.", "R35.0"),
        ("1. Memory loss.", "R41.3"),
    ],
)
def test_a_symptom_listed_as_a_problem_of_its_own_is_coded(text: str, code: str) -> None:
    assert code in _assessment(text)


def test_generalized_weakness_is_weakness_not_muscle_weakness() -> None:
    codes = _assessment("Generalized weakness.")

    assert "R53.1" in codes
    assert "M62.81" not in codes


def test_flank_pain_listed_beside_a_kidney_stone_is_the_stones_symptom() -> None:
    codes = _assessment("1. Right flank pain. 2. Right kidney stone.")

    assert "N20.0" in codes
    assert not any(code.startswith("R10.A") for code in codes)


@pytest.mark.parametrize("text", ["Perhaps a mild tremor.", "Gallstones, ? cholecystitis."])
def test_perhaps_and_a_question_mark_mark_doubt(text: str) -> None:
    codes = _assessment(text)

    assert "R25.1" not in codes
    assert not any(code.startswith("K81") for code in codes)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Laceration of left forearm.", "S51.812A"),
        ("Open wound of the right thigh.", "S71.101A"),
        ("Puncture wound of the left foot.", "S91.332A"),
        ("Foreign body of the right fourth fingernail (glass).", "S60.454A"),
    ],
)
def test_an_injury_the_lexicon_lacks_is_found_in_the_tabular_list_by_site_and_side(
    text: str, code: str
) -> None:
    assert code in _assessment(text)


def test_two_conditions_joined_by_with_are_both_coded_when_no_code_combines_them() -> None:
    codes = _assessment("Fifth disease with sinusitis.")

    assert {"B08.3", "J32.9"} <= codes


def test_left_leg_swelling_is_localized_swelling_of_the_left_lower_limb() -> None:
    codes = _assessment("1. Left leg swelling. 2. Hypertension.")

    assert "R22.42" in codes
    assert "R60.0" not in codes


def test_a_history_list_ends_where_the_admission_reason_begins() -> None:
    codes = set(
        _active(
            "PLAN\nAn 80-year-old woman with a past medical history of osteoporosis and "
            "hypertension admitted for urinary tract infection.\n"
        )
    )

    assert "N39.0" in codes
    assert not {"M81.0", "I10"} & codes


def test_pneumonia_with_its_organism_named_is_the_organisms_pneumonia_code() -> None:
    codes = _assessment("MRSA pneumonia.")

    assert "J15.212" in codes
    assert not {"J18.9", "B95.62"} & codes


def test_cellulitis_with_mrsa_keeps_the_organism_code_beside_it() -> None:
    codes = _assessment("Cellulitis of the right leg due to MRSA.")

    assert {"L03.115", "B95.62"} <= codes


def test_an_animal_bite_is_an_open_bite_of_the_site() -> None:
    assert "S61.452A" in _assessment("Dog bite of the left hand.")


def test_a_follow_up_planned_for_a_new_injury_keeps_the_initial_encounter() -> None:
    codes = _assessment("Right ankle sprain. Follow up for the sprain in two weeks.")

    assert "S93.401A" in codes
    assert "S93.401D" not in codes


def test_follow_up_of_a_treated_laceration_is_a_subsequent_encounter() -> None:
    assert "S61.412D" in _assessment("Follow-up of left hand laceration, healing well.")
