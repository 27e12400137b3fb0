"""The coder reads the visit's facts: who a condition is about, whether it holds, its side, and
the drugs the visit starts (issue 13, item 5)."""

from __future__ import annotations

from murmur.coding.domain import CodeSuggestion, CodeSystem
from murmur.coding.ports import Coder
from murmur.engines.coding.offline import OfflineCoder
from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.notes.domain import WrittenNote
from murmur.transcripts.domain import SpeakerRole
from murmur.transcripts.text import transcript_text
from tests.engines.coding.coded import icd
from tests.engines.notes.grounded.visits import segments


def _coder() -> Coder:
    return OfflineCoder(facts=RuleFactExtractor())


def _from_transcript(transcript: str) -> list[CodeSuggestion]:
    return _coder().code_text(note="", transcript=transcript)


def _active(suggestions: list[CodeSuggestion]) -> set[str]:
    return {code for code, s in icd(suggestions).items() if s.active}


def _level(suggestions: list[CodeSuggestion]) -> CodeSuggestion:
    return next(s for s in suggestions if s.system is CodeSystem.CPT)


def test_a_siblings_stroke_is_family_history_z82_3_never_the_patients_stroke() -> None:
    found = _from_transcript(
        "[doctor] any family history of medical problems?\n"
        "[patient] my sister had a stroke last year.\n"
        "[doctor] okay. so for your high blood pressure, we'll continue the lisinopril."
    )

    codes = icd(found)
    assert not any(code.startswith(("I63", "I64", "Z86.73")) for code in _active(found))
    assert "Z82.3" in codes
    assert "sister" in codes["Z82.3"].reason
    assert codes["Z82.3"].references[0].document == "transcript"
    assert "I10" in _active(found)


def test_a_return_precaution_about_swollen_ankles_is_no_edema_code() -> None:
    found = _from_transcript(
        "[doctor] so for your heart failure, keep taking the lasix every morning. "
        "if your ankles swell, call the office."
    )

    assert not any(code.startswith(("R60", "R22", "M25.47")) for code in _active(found))
    assert "I50.9" in _active(found)


def test_a_negative_depression_screen_is_no_depression_code() -> None:
    found = _from_transcript(
        "[doctor] your phq-9 today was negative, a score of 2, so no signs of depression.\n"
        "[doctor] so for your hypertension, we'll continue the amlodipine."
    )

    assert not any(code.startswith(("F32", "F33")) for code in _active(found))


def test_a_right_ankle_sprain_with_a_misheard_ligament_keeps_the_right_ankle_code() -> None:
    transcript = (
        "[patient] i rolled my right ankle yesterday playing soccer.\n"
        "[doctor] so you have a sprain of the anterior tally fibular ligament.\n"
        "[doctor] rest, ice and ibuprofen, and come back in two weeks."
    )
    assert _active(OfflineCoder().code_text(note="", transcript=transcript)) == set()

    found = _from_transcript(transcript)

    assert "S93.401A" in _active(found)
    assert "unspecified-ligament" in icd(found)["S93.401A"].reason
    assert "S93.409A" not in _active(found)


def test_a_drug_started_raises_the_mdm_risk_to_moderate() -> None:
    transcript = (
        "[patient] my throat has been sore for three days.\n"
        "[doctor] so you have strep throat. i'll put you on amoxicillin 500 milligrams twice "
        "a day for ten days."
    )
    assert "risk minimal" in _level(OfflineCoder().code_text(note="", transcript=transcript)).reason

    visit = _level(_from_transcript(transcript))

    assert "risk moderate (prescription drug management)" in visit.reason
    assert "amoxicillin" in visit.source_sentences[0]


def test_spoken_diagnoses_stand_in_for_a_missing_assessment() -> None:
    """Coded from the dialogue alone, what the clinician gives as the diagnosis is coded; a
    symptom only mentioned in the history is not."""
    found = _from_transcript(
        "[doctor] how have you been?\n"
        "[patient] i've had some heartburn and my back has been a bit sore.\n"
        "[doctor] okay. let me take a look.\n"
        "[patient] sure.\n"
        "[doctor] so for your hypertension, your blood pressure is well controlled, so we'll "
        "continue the lisinopril."
    )

    assert _active(found) == {"I10"}


def test_the_coder_reads_facts_from_the_segments_it_is_given() -> None:
    roles = [SpeakerRole.CLINICIAN, SpeakerRole.PATIENT, SpeakerRole.CLINICIAN]
    visit = segments(
        [
            "Any family history?",
            "My father had a heart attack at 50.",
            "So for your type 2 diabetes, I'm going to start metformin 500 mg twice a day.",
        ],
        roles,
    )
    found = _coder().code(note=WrittenNote(title="Note", sections=()), segments=visit)

    assert "Z82.49" in icd(found)
    assert not any(code.startswith(("I21", "I25")) for code in _active(found))
    assert "risk moderate" in _level(found).reason


def test_the_side_given_in_another_turn_gives_the_sided_code() -> None:
    found = _from_transcript(
        "[doctor] which knee is it?\n"
        "[patient] my right knee, it hurts when i climb stairs.\n"
        "[doctor] okay. let me examine it.\n"
        "[patient] okay.\n"
        "[doctor] so for your knee pain, i want you to take ibuprofen and do the exercises."
    )

    assert "M25.561" in _active(found)
    assert "M25.569" not in _active(found)


def test_a_sign_found_on_examination_is_the_exams_not_a_problem_addressed() -> None:
    found = _from_transcript(
        "[patient] my blood pressure has been high at home.\n"
        "[doctor] let me examine you.\n"
        "[patient] okay.\n"
        "[doctor] on your extremity exam you do have some edema in your ankles. so for your "
        "hypertension, i'm going to increase the lisinopril to 20 milligrams a day."
    )

    assert "I10" in _active(found)
    assert "R60.0" not in _active(found)
    assert "found on examination" in icd(found)["R60.0"].reason


def test_diabetes_with_sugars_said_to_run_high_is_e11_65_and_an_a1c_alone_is_not() -> None:
    high = _from_transcript(
        "[patient] i've been eating a lot of sweets lately.\n"
        "[doctor] okay.\n"
        "[doctor] so for your type 2 diabetes, your blood sugars have been running a little "
        "high, so we'll increase the metformin to 1000 milligrams twice a day."
    )
    a1c_only = _from_transcript(
        "[patient] i've been doing well with my diet.\n"
        "[doctor] okay.\n"
        "[doctor] so for your type 2 diabetes, your a1c is 7.2, so continue the metformin."
    )

    assert "E11.65" in _active(high)
    assert "E11.9" in _active(a1c_only)


def test_a_visit_opening_with_a_question_is_read_turn_by_turn() -> None:
    """Segments are joined by spaces; a question opening the visit must not swallow the turns
    after it, and references still point into the joined text."""
    roles = [SpeakerRole.CLINICIAN, SpeakerRole.PATIENT, SpeakerRole.CLINICIAN]
    visit = segments(
        [
            "Any swelling in your ankles",
            "no swelling at all",
            "so for your hypertension we'll start amlodipine 5 mg daily",
        ],
        roles,
    )

    found = _coder().code(note=WrittenNote(title="Note", sections=()), segments=visit)

    text = transcript_text(visit)
    assert "I10" in _active(found)
    for reference in icd(found)["I10"].references:
        assert text[reference.start : reference.end] == reference.text
    assert "risk moderate" in _level(found).reason
