from __future__ import annotations

import pytest

from murmur.engines.asr.vocabulary import (
    MAX_HINT_CHARS,
    MedicalTerm,
    context_terms,
    decoding_hints,
    medical_terms,
    parse_terms,
)


def test_builtin_vocabulary_is_a_few_hundred_unique_categorised_terms() -> None:
    terms = medical_terms()

    assert 300 <= len(terms) <= 1000
    assert len({term.text.lower() for term in terms}) == len(terms)
    assert {term.category for term in terms} >= {"drug", "brand", "condition", "anatomy", "lab"}
    assert MedicalTerm("lisinopril", "drug") in terms


def test_parse_terms_skips_comments_and_blank_lines() -> None:
    table = "# a comment\nwarfarin\tdrug\n\nLipitor\tbrand\n"

    assert parse_terms(table) == (MedicalTerm("warfarin", "drug"), MedicalTerm("Lipitor", "brand"))


def test_medication_fields_are_cut_down_to_names() -> None:
    context = {
        "medications": "Lisinopril 20 mg once daily, metformin 500mg BD; salbutamol PRN",
        "allergies": ["penicillin (rash)", "NKDA"],
    }

    assert context_terms(context) == ["Lisinopril", "metformin", "salbutamol", "penicillin"]


def test_names_are_found_in_any_nested_json() -> None:
    context = {
        "patientHistory": {"conditions": ["Type 2 diabetes", "hypertension"]},
        "medications": [{"name": "Ozempic", "dose": "0.5 mg weekly"}],
        "notes": "Previously on empagliflozin; recurrent cellulitis of the left leg.",
        "visits": 3,
        "flags": [True, None],
    }

    terms = context_terms(context)

    assert terms[0] == "Ozempic"  # medication fields first
    assert set(terms) == {
        "Ozempic",
        "type 2 diabetes",
        "hypertension",
        "empagliflozin",
        "cellulitis",
    }


def test_unlisted_drug_and_condition_names_are_recognised_by_their_endings() -> None:
    text = "Started on dapagliflozin and vortioxetine for gastroparesis, not a magazine story."

    assert context_terms({"notes": text}) == ["dapagliflozin", "vortioxetine", "gastroparesis"]


def test_sentences_in_a_medication_field_yield_only_their_drug_names() -> None:
    context = {"medications": "Patient is taking aspirin daily on his own accord due to FH"}

    assert context_terms(context) == ["aspirin"]


@pytest.mark.parametrize("context", [None, {}, {"medications": "nil"}, {"allergies": "NKDA"}])
def test_no_hints_without_names_in_the_context(context: dict[str, str] | None) -> None:
    # A general list of common drugs made whisper-base skip audio and swap names: none is added.
    assert decoding_hints(language="en", context=context) is None


def test_extra_terms_come_first_and_the_hint_does_not_end_a_sentence() -> None:
    hints = decoding_hints(
        language="en",
        context={"medications": ["bisoprolol 5 mg", "Metformin"], "history": "Heart failure"},
        extra_terms=["entresto", "metformin"],
    )

    assert hints == "Entresto, metformin, bisoprolol, heart failure"


def test_drug_names_are_hinted_whatever_the_language() -> None:
    assert decoding_hints(language="es", context={"medicamentos": "metformina 850 mg"}) == (
        "Metformina"
    )


def test_hints_stay_within_the_budget() -> None:
    many = [f"drugname{index}" for index in range(200)]

    hints = decoding_hints(language="en", context=None, extra_terms=many)

    assert hints is not None
    assert len(hints) <= MAX_HINT_CHARS
    assert hints.startswith("Drugname0, drugname1, ")
