"""How spoken clinical talk is retold in a note's register."""

from __future__ import annotations

import pytest

from murmur.engines.notes.grounded.writer import GroundedNoteWriter
from murmur.language.numbers import with_digits
from murmur.notes.domain import WrittenNote
from murmur.notes.ports import NoteBrief
from murmur.notes.templates import SOAP
from murmur.transcripts.domain import Segment, SpeakerRole

DOCTOR, PATIENT = SpeakerRole.CLINICIAN, SpeakerRole.PATIENT


def _note(*turns: tuple[SpeakerRole, str]) -> WrittenNote:
    visit = [Segment(4.0 * i, 4.0 * i + 3, text, role) for i, (role, text) in enumerate(turns)]
    return GroundedNoteWriter().write(
        NoteBrief(segments=visit, template=SOAP, context=None, language="english")
    )


def _texts(note: WrittenNote, key: str) -> list[str]:
    return [s.text for section in note.sections if section.key == key for s in section.sentences]


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("lisinopril twenty milligrams a day", "lisinopril 20 mg a day"),
        ("a three out of six murmur", "a 3 out of 6 murmur"),
        ("hemoglobin of eight point two", "hemoglobin of 8.2"),
        ("one hundred and twenty over eighty", "120 over 80"),
        ("ejection fraction of forty five percent", "ejection fraction of 45%"),
        ("no one else at home has it", "no one else at home has it"),
        ("i have two kids", "i have two kids"),
    ],
)
def test_quantities_are_written_in_digits_and_other_numbers_stay_words(
    spoken: str, written: str
) -> None:
    assert with_digits(spoken) == written


def test_unmatched_patient_history_is_retold_in_the_third_person() -> None:
    note = _note(
        (DOCTOR, "So Anna is a 45-year-old female here for a rash."),
        (PATIENT, "The itching started after I switched to a new laundry detergent last month."),
    )

    subjective = " ".join(_texts(note, "subjective"))
    assert "after she switched to a new laundry detergent last month" in subjective
    assert " I " not in subjective


def test_the_clinicians_exam_actions_are_not_findings_but_what_they_find_is() -> None:
    note = _note(
        (DOCTOR, "Let me just listen to your lungs for a second here."),
        (DOCTOR, "Your lungs are clear, and I hear no wheezing at all on either side."),
    )

    texts = [s.text for s in note.sentences()]
    assert not [t for t in texts if "listen" in t]
    assert any(t.startswith("Respiratory:") and "clear" in t for t in _texts(note, "objective"))


def test_what_the_clinician_can_hear_on_exam_is_an_objective_finding() -> None:
    note = _note(
        (PATIENT, "I have had a bad cough for five days."),
        (DOCTOR, "Your temperature is 100.4. I can hear scattered wheezes in both lungs."),
    )

    objective = _texts(note, "objective")
    assert any(t.startswith("Respiratory:") and "wheezes in both lungs" in t for t in objective)
    assert not [t for t in _texts(note, "subjective") if "I can hear" in t]


def test_a_sentence_that_repeats_an_earlier_one_is_left_out() -> None:
    note = _note(
        (DOCTOR, "I'm going to order an echocardiogram of your heart."),
        (DOCTOR, "So I'm going to order another echocardiogram of your heart."),
    )

    echo = [s for s in note.sentences() if "echocardiogram" in s.text]
    assert len(echo) == 1


def test_spoken_future_becomes_the_notes_will() -> None:
    note = _note((DOCTOR, "We're going to go ahead and schedule you for physical therapy."))

    plan = " ".join(_texts(note, "plan"))
    assert "going to" not in plan
    assert "physical therapy" in plan


def test_a_yes_to_the_closing_plan_check_records_the_patients_agreement() -> None:
    note = _note(
        (DOCTOR, "Any fever?"),
        (PATIENT, "No."),
        (DOCTOR, "I'll prescribe amoxicillin and see you in two weeks. Does that sound good?"),
        (PATIENT, "Yes, that sounds good."),
    )

    agreed = [s for s in note.sentences() if "agrees" in s.text]
    assert [s.evidence for s in agreed] == [(2, 3)]


def test_a_hesitant_answer_is_not_agreement() -> None:
    note = _note(
        (DOCTOR, "Any fever?"),
        (PATIENT, "No."),
        (DOCTOR, "I'll prescribe amoxicillin and see you in two weeks. Does that sound good?"),
        (PATIENT, "Okay, but I'm worried about the side effects."),
    )

    assert not [s for s in note.sentences() if "agrees" in s.text]
