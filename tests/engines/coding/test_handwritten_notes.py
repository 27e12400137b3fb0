"""Coding a clinician's own shorthand note: UK general-practice labels, queries, spellings."""

from __future__ import annotations

import pytest

from murmur.coding.domain import CodeSuggestion, CodeSystem
from murmur.engines.coding.offline import OfflineCoder
from murmur.engines.coding.sources import Origin, Section, note_sources


def _codes(note: str, transcript: str = "") -> list[CodeSuggestion]:
    return OfflineCoder().code_text(note=note, transcript=transcript)


def _active(note: str, transcript: str = "") -> set[str]:
    return {s.code for s in _codes(note, transcript) if s.system is CodeSystem.ICD10CM and s.active}


GASTROENTERITIS = """3/7 hx of diarrhoea and vomiting.
PMH: Asthma, type 2 diabetes
DH: metformin
FH: father - hypertension
SH: smoker, 10/day
Imp: gastroenteritis
Plan: fluids, review INB
"""


def test_history_drug_social_and_family_lines_are_not_coded_beside_the_impression() -> None:
    suggestions = _codes(GASTROENTERITIS, "[patient] I have asthma and my dad has hypertension.")
    active = {s.code for s in suggestions if s.system is CodeSystem.ICD10CM and s.active}

    assert active == {"K52.9"}
    asthma = next(s for s in suggestions if s.code == "J45.909")
    assert not asthma.active
    assert "not addressed" in asthma.reason


@pytest.mark.parametrize(
    ("line", "origin", "section"),
    [
        ("PMHx - asthma.", Origin.NOTE, Section.HISTORY),
        ("Pmhx: nil of note, back pain", Origin.NOTE, Section.HISTORY),
        ("DHx : metformin", Origin.NOTE, Section.HISTORY),
        ("Fhx: mother - migraines", Origin.NOTE, Section.FAMILY),
        ("HPC. 2 day history of wheezing", Origin.NOTE, None),
        ("PC; diarrhea and abdominal pain", Origin.NOTE, None),
        ("Imp- Asthma exacerbation.", Origin.ASSESSMENT, None),
        ("DDx : gastroenteritis", Origin.ASSESSMENT, None),
        ("Plan - fluids and paracetamol", Origin.PLAN, None),
        ("P: fluids", Origin.PLAN, None),
    ],
)
def test_shorthand_labels_open_their_sections(
    line: str, origin: Origin, section: Section | None
) -> None:
    (source,) = note_sources(f"Seen today.\n{line}\n")[1:]

    assert (source.origin, source.section) == (origin, section)


def test_a_label_alone_on_its_line_opens_its_section() -> None:
    sources = note_sources("Imp: asthma\nMedications\nVentolin\nPlan\nFurther salbutamol\n")

    assert [(s.origin, s.section) for s in sources] == [
        (Origin.ASSESSMENT, None),
        (Origin.NOTE, Section.HISTORY),
        (Origin.PLAN, None),
    ]


def test_words_that_only_look_like_labels_open_nothing() -> None:
    sources = note_sources("Imp: asthma\nEx-smoker, stopped 6/12 ago\nPlenty of fluids\n")

    assert [s.origin for s in sources] == [Origin.ASSESSMENT] * 3


def test_a_queried_impression_is_coded_by_the_symptom_the_note_reports() -> None:
    note = """2/7 suprapubic pain, burning.
PMH: hypertension
Imp: ?UTI
Plan: urine dip, Rx empirically with abx for UTI
"""
    active = _active(note, "[patient] I have high blood pressure. [doctor] It is a UTI.")

    assert "R10.24" in active  # the symptom (guideline IV.H)
    assert "N39.0" not in active
    assert "I10" not in active


@pytest.mark.parametrize(
    "impression",
    ["?? migraine", "query migraine", "r/o migraine", "tension headache +/- migraine"],
)
def test_query_rule_out_and_plus_minus_make_a_diagnosis_uncertain(impression: str) -> None:
    active = _active(f"Headache for 3 days.\nImp: {impression}\nPlan: paracetamol\n")

    assert "G43.909" not in active


def test_several_differentials_are_queried_and_the_complaint_is_coded() -> None:
    note = "PC: chest discomfort for 2 hours\nPMHx - high cholesterol\nDDx - MI, PE, GORD\n"
    active = _active(note)

    assert "R07.89" in active
    assert not active & {"I21.9", "K21.9", "E78.5"}


def test_one_differential_beside_a_queried_one_is_the_impression() -> None:
    note = "HPC. 2 days of wheezing\nDDx : acute exacerbation of asthma, ?? allergy\n"

    assert _active(note) == {"J45.901"}


def test_the_note_doubting_a_diagnosis_outweighs_the_visit_naming_it() -> None:
    note = "PC: headache since this morning\nPlan - Likely migraine, review today\n"
    transcript = "[doctor] What you are suffering from is a migraine."
    active = _active(note, transcript)

    assert "G43.909" not in active
    assert "R51.9" in active


def test_an_impression_the_coder_cannot_name_keeps_the_notes_symptoms_only() -> None:
    note = """Chest pain since gardening.
Risk factors: smoker, hypertension
Imp: acute cardiac event - needs urgent ECG
"""
    active = _active(note, "[patient] I had a heart attack once.")

    assert "R07.9" in active
    assert not active & {"I10", "F17.210", "I25.2"}


def test_without_any_assessment_or_plan_the_note_is_still_coded() -> None:
    assert "I10" in _active("Patient has hypertension, on amlodipine.\n")


@pytest.mark.parametrize(
    ("impression", "code"),
    [
        ("viral URTI", "J06.9"),
        ("LRTI", "J22"),
        ("GORD", "K21.9"),
        ("TATT", "R53.83"),
        ("PUO", "R50.9"),
        ("gastro-oesophageal reflux disease", "K21.9"),
        ("diarrhoea", "R19.7"),
        ("iron deficiency anaemia", "D50.9"),
        ("eczema flare", "L30.9"),
        ("haemorrhoids", "K64.9"),
        ("coeliac disease", "K90.0"),
        ("ischaemic heart disease", "I25.9"),  # found in the tabular list, not the lexicon
    ],
)
def test_uk_abbreviations_and_spellings_are_coded(impression: str, code: str) -> None:
    assert code in _active(f"Imp: {impression}\n")


def test_side_effects_warned_of_and_things_to_assess_are_not_problems() -> None:
    note = """Imp- Asthma exacerbation.
Plan: Pred 40mg 5 days. S/e warned mood changes, hyperglycaemia, nausea.
Review to assess for rash and fever.
"""
    assert _active(note) == {"J45.901"}


def test_nausea_and_vomiting_reported_apart_are_the_one_combination_code() -> None:
    note = "PC: headache, nausea, vomiting x2\nImp: ?migraine\nPlan: antiemetic\n"
    active = _active(note)

    assert "R11.2" in active
    assert not active & {"R11.0", "R11.10"}
