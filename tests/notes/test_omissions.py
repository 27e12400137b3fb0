"""The check for what a note left out: a key fact is listed unless a sentence of the note holds
its essential words, however the sentence is worded."""

from __future__ import annotations

import pytest

from murmur.facts.domain import (
    Allergy,
    Assertion,
    Diagnosis,
    Evidence,
    Exam,
    Experiencer,
    Fact,
    FamilyHistory,
    FollowUp,
    Laterality,
    Medication,
    MedicationAction,
    Order,
    OrderType,
    ReturnPrecaution,
    Score,
    VisitFacts,
    Vital,
    VitalName,
)
from murmur.notes.omissions import states, stating, unaddressed

AMLODIPINE = Medication(
    name="amlodipine",
    action=MedicationAction.STARTED,
    dose="5 mg",
    frequency="daily",
    evidence=(Evidence(3, 82, 119),),
)
SPRAIN = Diagnosis(name="sprain", site="ankle", laterality=Laterality.RIGHT)
BLOOD_PRESSURE = Vital(name=VitalName.BLOOD_PRESSURE, value="160/95", unit="mmHg", abnormal=True)
X_RAY = Order(order_type=OrderType.IMAGING, name="x-ray", laterality=Laterality.RIGHT)
STROKE_IN_MOTHER = FamilyHistory(relative="mother", condition="stroke")
TWO_WEEKS = FollowUp(interval="2 weeks")
WORSE = ReturnPrecaution(trigger="the swelling gets worse")
PHQ9 = Score(name="phq-9", value="12", abnormal=True)
PENICILLIN = Allergy(substance="penicillin", reaction="hives")
NO_ALLERGIES = Allergy(substance="drug", assertion=Assertion.ABSENT)
SWOLLEN_KNEE = Exam(
    system="musculoskeletal", finding="swelling", laterality=Laterality.LEFT, normal=False
)


def test_a_note_missing_a_started_drug_lists_it_with_its_evidence() -> None:
    note = "## Assessment and plan\nHypertension, uncontrolled. Follow up in 2 weeks."

    (missing,) = unaddressed(note, VisitFacts((AMLODIPINE, TWO_WEEKS)))

    assert (missing.kind, missing.label) == ("medication", "amlodipine 5 mg daily, started")
    assert missing.evidence == (Evidence(3, 82, 119),)
    assert missing.sentence == "Amlodipine 5 mg daily, started."


@pytest.mark.parametrize(
    "note",
    [
        "Started amlodipine 5 mg PO daily.",
        "- We will begin **Norvasc** five milligrams every morning",  # brand name, words
        "<p>Plan: AMLODIPINE 5mg once a day</p>",
    ],
)
def test_a_note_stating_the_drug_in_other_words_lists_nothing(note: str) -> None:
    assert unaddressed(note, VisitFacts((AMLODIPINE,))) == []


def test_a_note_that_drops_the_side_lists_the_lateralised_fact() -> None:
    note = "Assessment: ankle sprain. Right wrist normal. Plan: x-ray of the right ankle."

    listed = unaddressed(note, VisitFacts((SPRAIN, X_RAY)))

    assert [(item.kind, item.label) for item in listed] == [("diagnosis", "right ankle sprain")]


def test_the_side_counts_only_in_the_same_sentence() -> None:
    assert states("Sprain of the right ankle.", SPRAIN)
    assert not states("Sprain.\nRight side tender.", SPRAIN)


@pytest.mark.parametrize(
    ("fact", "note"),
    [
        (BLOOD_PRESSURE, "BP one sixty over ninety-five today."),
        (BLOOD_PRESSURE, "Vitals: BP 160/95 mmHg, HR 80."),
        (TWO_WEEKS, "Return to clinic in two weeks"),
        (FollowUp(interval="1 week"), "Recheck in a week."),
        (WORSE, "Return if swelling worsens."),
        (STROKE_IN_MOTHER, "Family history: mom had a stroke at 60."),
        (PHQ9, "PHQ 9 score of twelve."),
        (PENICILLIN, "Allergies: penicillins."),
        (NO_ALLERGIES, "NKDA."),
        (Vital(name=VitalName.BLOOD_PRESSURE, abnormal=True), "BP 148/90 mmHg."),
        (SWOLLEN_KNEE, "Exam: left knee with marked swelling."),
    ],
)
def test_the_essential_words_state_a_fact_however_written(fact: Fact, note: str) -> None:
    assert states(note, fact)


@pytest.mark.parametrize(
    ("fact", "note"),
    [
        (BLOOD_PRESSURE, "Blood pressure elevated."),
        (TWO_WEEKS, "Follow up in 3 weeks."),
        (STROKE_IN_MOTHER, "Family history of stroke."),  # which relative is essential
        (PHQ9, "PHQ-9 administered."),
        (SWOLLEN_KNEE, "Exam: knee swelling."),
    ],
)
def test_a_note_without_an_essential_word_does_not_state_the_fact(fact: Fact, note: str) -> None:
    assert not states(note, fact)


def test_words_the_visit_used_for_a_diagnosis_state_it() -> None:
    transcript = ["Your high blood pressure is back."]
    said = Diagnosis(name="hypertension", evidence=(Evidence(0, 5, 24),))

    assert states("High blood pressure, on treatment.", said, transcript)
    assert not states("High blood pressure, on treatment.", said)


def test_facts_whose_omission_does_not_matter_are_never_listed() -> None:
    facts = VisitFacts(
        (
            Medication(name="ibuprofen", action=MedicationAction.TAKING),
            Diagnosis(name="stroke", experiencer=Experiencer.FAMILY),
            Vital(name=VitalName.HEART_RATE, value="72"),
        )
    )

    assert unaddressed("", facts) == []


def test_one_fact_said_twice_is_listed_once_with_both_evidence() -> None:
    first = Order(order_type=OrderType.LAB, name="lipid panel", evidence=(Evidence(1, 0, 5),))
    again = Order(order_type=OrderType.LAB, name="lipid panel", evidence=(Evidence(4, 2, 9),))

    (listed,) = unaddressed("Plan: diet.", VisitFacts((first, again)))

    assert listed.evidence == (Evidence(1, 0, 5), Evidence(4, 2, 9))


@pytest.mark.parametrize(
    "fact",
    [
        AMLODIPINE,
        SPRAIN,
        BLOOD_PRESSURE,
        X_RAY,
        STROKE_IN_MOTHER,
        TWO_WEEKS,
        WORSE,
        PHQ9,
        PENICILLIN,
        NO_ALLERGIES,
        SWOLLEN_KNEE,
        FollowUp(interval="as needed"),
    ],
)
def test_the_sentence_offered_for_a_fact_states_it(fact: Fact) -> None:
    note = f"## Plan\nRest and ice.\n{stating(fact)}"

    assert unaddressed(note, VisitFacts((fact,))) == []
