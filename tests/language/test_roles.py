from __future__ import annotations

from murmur.language.roles import infer_roles
from murmur.language.sentences import Utterance
from murmur.transcripts.domain import SpeakerRole


def _roles(*texts: str) -> list[SpeakerRole | None]:
    utterances = [Utterance(text, (i,)) for i, text in enumerate(texts)]
    return [u.speaker for u in infer_roles(utterances)]


def test_labelled_speakers_are_kept_even_when_wording_disagrees() -> None:
    utterance = Utterance("Do you have any chest pain?", (0,), SpeakerRole.PATIENT)

    assert infer_roles([utterance])[0].speaker is SpeakerRole.PATIENT


def test_a_question_is_the_clinician_and_a_first_person_symptom_the_patient() -> None:
    roles = _roles("How long have you had the cough?", "I've had it for five days.")

    assert roles == [SpeakerRole.CLINICIAN, SpeakerRole.PATIENT]


def test_a_bare_answer_after_a_question_is_the_patient() -> None:
    assert _roles("Any fever?", "No.")[1] is SpeakerRole.PATIENT


def test_diagnosis_and_prescribing_language_is_the_clinician() -> None:
    roles = _roles("I think this is acute bronchitis.", "I'm going to prescribe an inhaler.")

    assert roles == [SpeakerRole.CLINICIAN, SpeakerRole.CLINICIAN]


def test_a_patient_saying_i_think_about_themselves_stays_the_patient() -> None:
    assert _roles("I think I caught a cold from my kids.")[0] is SpeakerRole.PATIENT
