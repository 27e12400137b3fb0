"""Coding a written note the way a coder reads it: the assessment and plan first."""

from __future__ import annotations

from murmur.coding.domain import CodeSuggestion, CodeSystem
from murmur.engines.coding.offline import OfflineCoder

NOTE = """HISTORY OF PRESENT ILLNESS
She reports a cough and some heartburn for two weeks. She smoked for years and still smokes.

ASSESSMENT AND PLAN
Congestive heart failure.
  • Medical Reasoning: Stable on Lasix.
Hypertension.
  • Medical Treatment: Continue lisinopril.
Diabetes type 2.
  • Medical Reasoning: Her blood glucose levels have been elevated.
Bilateral carpal tunnel syndrome.
Left ankle sprain of the lateral ligament complex.
Nicotine dependence, cigarettes.
  • Medical Reasoning: Long history of smoking; she smokes a pack a day.
"""
TRANSCRIPT = "My ankle hurts. No chest pain at all. My father had a stroke."


def _active(suggestions: list[CodeSuggestion]) -> dict[str, CodeSuggestion]:
    return {s.code: s for s in suggestions if s.system is CodeSystem.ICD10CM and s.active}


def _coded() -> list[CodeSuggestion]:
    return OfflineCoder().code_text(note=NOTE, transcript=TRANSCRIPT)


def test_problems_the_assessment_names_are_coded_with_side_and_episode() -> None:
    active = _active(_coded())

    assert "G56.03" in active  # bilateral code exists
    assert "S93.402A" in active  # left, initial encounter
    assert "S93.409A" not in active


def test_hypertension_with_heart_failure_is_the_combination_code() -> None:
    active = _active(_coded())

    assert "I11.0" in active
    assert "I50.9" in active
    assert "I10" not in active
    assert "guideline I.C.9.a" in active["I11.0"].reason


def test_diabetes_with_elevated_glucose_in_its_problem_is_coded_with_hyperglycemia() -> None:
    active = _active(_coded())

    assert "E11.65" in active
    assert "E11.9" not in active


def test_history_only_symptoms_stay_listed_but_inactive() -> None:
    suggestions = _coded()
    cough = next(s for s in suggestions if s.code == "R05.9")

    assert not cough.active
    assert "not addressed in the assessment or plan" in cough.reason
    assert "R07.9" not in _active(suggestions)  # denied
    assert "I63.9" not in _active(suggestions)  # the father's


def test_a_code_excluded_by_another_is_not_reported_with_it() -> None:
    active = _active(_coded())

    assert "F17.210" in active
    assert "Z87.891" not in active


def test_every_reference_slices_back_to_its_words() -> None:
    for suggestion in _coded():
        for reference in suggestion.references:
            text = NOTE if reference.document == "note" else TRANSCRIPT
            assert text[reference.start : reference.end] == reference.text


def test_similar_codes_offer_the_other_sides_and_episodes() -> None:
    sprain = _active(_coded())["S93.402A"]

    assert {"S93.402D", "S93.402S"} <= {s.code for s in sprain.similar}
    assert sprain.entity == "Left ankle sprain"
