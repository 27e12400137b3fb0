from __future__ import annotations

from murmur.engines.asr.speaker_roles import label_speakers
from murmur.transcripts.domain import Segment, SpeakerRole

C = SpeakerRole.CLINICIAN
P = SpeakerRole.PATIENT


def _segments(*timed: tuple[float, float, str]) -> list[Segment]:
    return [Segment(start, end, text) for start, end, text in timed]


def test_every_segment_gets_a_role_and_times_and_text_are_kept() -> None:
    segments = _segments(
        (0.0, 2.0, "Good morning, what brings you in today?"),
        (2.8, 5.0, "I've been having a bad cough for a week."),
        (5.9, 8.0, "Any fever or chest pain?"),
        (8.9, 9.5, "No."),
        (10.4, 13.0, "I think this is a viral infection. I'll prescribe an inhaler."),
    )

    labelled = label_speakers(segments)

    assert [s.speaker for s in labelled] == [C, P, C, P, C]
    assert [(s.start, s.end, s.text) for s in labelled] == [
        (s.start, s.end, s.text) for s in segments
    ]


def test_neutral_segments_follow_turn_taking() -> None:
    segments = _segments(
        (0.0, 2.0, "Right, so how long has it been going on?"),
        (2.0, 4.0, "Since last Tuesday."),  # answers the question: the other speaker
        (4.0, 5.0, "Right, okay."),  # nothing to go on: the clinician, who leads
        (5.0, 7.0, "Is that something to worry about?"),  # a patient's question
        (7.0, 9.0, "Not at all, it usually settles."),  # answered by the clinician
    )

    assert [s.speaker for s in label_speakers(segments)] == [C, P, C, P, C]


def test_existing_labels_are_kept() -> None:
    segments = [
        Segment(0.0, 1.0, "I'll prescribe amoxicillin.", speaker=P),
        Segment(1.0, 2.0, "Thank you."),
    ]

    labelled = label_speakers(segments)

    assert labelled[0].speaker is P
    assert labelled[1].speaker is not None


def test_an_unclear_opening_is_the_clinician_s() -> None:
    assert label_speakers(_segments((0.0, 1.0, "Hello there.")))[0].speaker is C
    assert label_speakers([]) == []
