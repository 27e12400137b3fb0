"""The grounded note states the visit's facts in a physician's register, each with evidence."""

from __future__ import annotations

from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.engines.notes.grounded.writer import GroundedNoteWriter
from murmur.notes.domain import NoteSentence, WrittenNote
from murmur.notes.ports import NoteBrief
from murmur.notes.templates import SOAP
from murmur.transcripts.domain import Segment, SpeakerRole

DOCTOR, PATIENT = SpeakerRole.CLINICIAN, SpeakerRole.PATIENT
ANKLE = [
    (DOCTOR, "What brings you in today?"),
    (PATIENT, "I twisted my right ankle playing soccer. It's been, like, a week and it hurts."),
    (DOCTOR, "Okay. Take a deep breath for me."),
    (DOCTOR, "Your blood pressure today is one forty eight over ninety."),
    (DOCTOR, "There is swelling and tenderness over the right lateral ankle."),
    (DOCTOR, "I think you have a sprain of your right ankle."),
    (
        DOCTOR,
        "Your blood pressure is high, so I'm going to start you on amlodipine five "
        "milligrams once a day.",
    ),
    (DOCTOR, "If it gets worse or you can't put weight on it, we'll get an x-ray."),
    (DOCTOR, "Come back if the swelling gets worse or you have numbness in your foot."),
    (DOCTOR, "I'd like to see you again in two weeks."),
]


def _visit(turns: list[tuple[SpeakerRole, str]]) -> list[Segment]:
    return [Segment(4.0 * i, 4.0 * i + 3, text, role) for i, (role, text) in enumerate(turns)]


def _note(turns: list[tuple[SpeakerRole, str]] = ANKLE) -> WrittenNote:
    writer = GroundedNoteWriter(facts=RuleFactExtractor())
    return writer.write(NoteBrief(segments=_visit(turns), template=SOAP, language="english"))


def _section(note: WrittenNote, key: str) -> list[NoteSentence]:
    return [s for section in note.sections if section.key == key for s in section.sentences]


def test_a_drug_started_is_a_sig_in_the_plan_citing_where_it_was_said() -> None:
    note = _note()

    [sig] = [s for s in _section(note, "plan") if "Amlodipine" in s.text]
    assert sig.text.endswith("Amlodipine 5 mg daily, started.")
    assert sig.evidence == (6,)
    [span] = sig.spans
    said = ANKLE[6][1][span.start : span.end]
    assert span.segment == 6
    assert said.startswith("amlodipine five milligrams")


def test_a_conditional_x_ray_is_written_as_conditional_never_as_ordered() -> None:
    note = _note()

    texts = [s.text for s in note.sentences()]
    assert [t for t in texts if "X-ray if it gets worse or they cannot put weight on it" in t]
    assert not [t for t in texts if "ordered" in t.lower() and "x-ray" in t.lower()]


def test_the_injured_side_survives_into_the_assessment() -> None:
    assessment = [s.text for s in _section(_note(), "assessment")]

    assert "Right ankle sprain." in assessment


def test_fillers_and_words_addressed_to_the_patient_are_left_out() -> None:
    texts = [s.text for s in _note().sentences()]

    assert not [t for t in texts if "like," in t or "deep breath" in t or "?" in t]
    assert not [t for t in texts if "you" in t.lower().split()]


def test_return_precautions_and_follow_up_are_in_the_plan_not_the_objective() -> None:
    note = _note()

    plan = " ".join(s.text for s in _section(note, "plan"))
    objective = " ".join(s.text for s in _section(note, "objective"))
    assert "Return precautions: return if the swelling gets worse" in plan
    assert "Follow up in 2 weeks." in plan
    assert "worse" not in objective
    assert "numbness" not in objective


def test_vitals_are_one_line_in_the_objective() -> None:
    objective = [s.text for s in _section(_note(), "objective")]

    assert "Vitals: BP 148/90 mmHg." in objective


def test_what_the_facts_state_is_not_repeated_from_the_transcript() -> None:
    note = _note(
        [
            (DOCTOR, "I'm going to prescribe amoxicillin 500 milligrams three times a day."),
            (DOCTOR, "Come back if the fever gets worse."),
        ]
    )

    texts = [s.text for s in note.sentences()]
    assert len([t for t in texts if "moxicillin" in t]) == 1
    assert len([t for t in texts if "fever" in t]) == 1


def test_an_order_only_weighed_aloud_is_not_written_as_ordered() -> None:
    note = _note([(DOCTOR, "If the pain keeps up, then we would get an MRI of your knee.")])

    texts = [s.text for s in note.sentences()]
    assert not [t for t in texts if "ordered" in t.lower()]
    assert not [t for t in texts if "we would" in t]


def test_a_dictated_plan_is_written_without_the_spoken_i_want_to() -> None:
    note = _note([(DOCTOR, "I want to have her keep a food diary for the next two weeks.")])

    assert [s.text for s in _section(note, "plan")] == [
        "Will have her keep a food diary for the next 2 weeks."
    ]


def test_a_warning_sign_is_not_a_diagnosis() -> None:
    """ "Call if you have chest pain" is a return precaution, never "Chest pain." assessed."""
    note = _note(
        [
            (DOCTOR, "Your diabetes is well controlled, so continue the metformin."),
            (DOCTOR, "Call us if your blood pressure is above 160 over 100, or if you have "
                     "chest pain or trouble breathing."),
        ]
    )  # fmt: skip

    assessment = " ".join(s.text for s in _section(note, "assessment")).lower()
    plan = " ".join(s.text for s in _section(note, "plan")).lower()

    assert "chest pain" not in assessment
    assert "chest pain" in plan
    assert "160/100" not in " ".join(s.text for s in _section(note, "objective"))


def test_a_stop_only_weighed_aloud_is_written_as_a_consideration() -> None:
    note = _note(
        [
            (DOCTOR, "You have been on a statin for years."),
            (DOCTOR, "If the leg pain keeps up, we could stop your statin."),
        ]
    )

    plan = " ".join(s.text for s in _section(note, "plan"))

    assert "Consider stopping Statin if the leg pain keeps up." in plan
    assert "stopped" not in plan.lower()
