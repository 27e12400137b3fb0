from __future__ import annotations

import pytest

from murmur.engines.coding.matching import find_mentions


def _asserted(sentence: str) -> set[str]:
    return {m.entry.code for m in find_mentions(sentence) if m.asserted and not m.uncertain}


@pytest.mark.parametrize(
    "sentence",
    [
        "Denies chest pain.",
        "No fever.",
        "I'm not having any shortness of breath.",
        "Patient denies fever, chills, or body aches.",
        "Negative for nausea.",
        "The cough has resolved.",
        "Without any wheezing.",
    ],
)
def test_negated_symptoms_produce_no_code(sentence: str) -> None:
    assert _asserted(sentence) == set()


def test_but_ends_the_reach_of_a_denial() -> None:
    assert _asserted("Denies chest pain but has a cough.") == {"R05.9"}


def test_an_answering_no_does_not_negate_what_follows_it() -> None:
    assert _asserted("No, I have a cough.") == {"R05.9"}


def test_a_new_clause_after_a_comma_is_not_part_of_the_denied_list() -> None:
    assert _asserted("No diabetes, hypertension is well controlled.") == {"I10"}


def test_a_relatives_condition_is_not_the_patients() -> None:
    assert _asserted("My mother has type 2 diabetes.") == set()


def test_a_return_precaution_is_not_a_symptom_today() -> None:
    assert _asserted("Call me if you get short of breath or develop a fever.") == set()


def test_a_possible_diagnosis_is_marked_uncertain() -> None:
    mentions = find_mentions("Possible pneumonia, will get a chest x-ray.")

    assert [(m.entry.code, m.uncertain) for m in mentions] == [("J18.9", True)]


def test_the_longest_phrase_wins() -> None:
    codes = [m.entry.code for m in find_mentions("Nausea and vomiting since last night.")]

    assert codes == ["R11.2"]


def test_plurals_and_possessives_still_match() -> None:
    assert _asserted("My knees hurt and I sprained my ankle.") == {"M25.569", "S93.409A"}
