from __future__ import annotations

from murmur.language.sentences import split_utterances
from murmur.transcripts.domain import Segment, SpeakerRole


def test_a_sentence_spanning_two_segments_cites_both() -> None:
    utterances = split_utterances(
        [Segment(0.0, 3.0, "I've had a cough"), Segment(3.2, 5.0, "for five days.")]
    )

    assert [(u.text, u.evidence) for u in utterances] == [
        ("I've had a cough for five days.", (0, 1))
    ]


def test_a_question_and_its_answer_in_one_segment_are_two_sentences() -> None:
    utterances = split_utterances([Segment(0.0, 4.0, "Any chest pain? No.")])

    assert [u.text for u in utterances] == ["Any chest pain?", "No."]
    assert all(u.evidence == (0,) for u in utterances)


def test_a_decimal_temperature_does_not_end_the_sentence() -> None:
    utterances = split_utterances([Segment(0.0, 4.0, "Your temperature is 100.4 today.")])

    assert [u.text for u in utterances] == ["Your temperature is 100.4 today."]


def test_a_change_of_speaker_ends_a_sentence_without_punctuation() -> None:
    utterances = split_utterances(
        [
            Segment(0.0, 2.0, "any fever", SpeakerRole.CLINICIAN),
            Segment(2.1, 3.0, "no", SpeakerRole.PATIENT),
        ]
    )

    assert [(u.text, u.speaker) for u in utterances] == [
        ("any fever", SpeakerRole.CLINICIAN),
        ("no", SpeakerRole.PATIENT),
    ]


def test_a_long_pause_ends_a_sentence_without_punctuation() -> None:
    utterances = split_utterances([Segment(0.0, 2.0, "any fever"), Segment(5.0, 6.0, "no")])

    assert [u.evidence for u in utterances] == [(0,), (1,)]


def test_long_unpunctuated_speech_is_cut_at_segment_edges() -> None:
    words = " ".join(["word"] * 30)
    utterances = split_utterances([Segment(i * 5.0, i * 5.0 + 4.9, words) for i in range(3)])

    assert len(utterances) > 1
    assert all(len(u.evidence) <= 2 for u in utterances)


def test_blank_segments_are_skipped_but_positions_are_kept() -> None:
    utterances = split_utterances([Segment(0.0, 1.0, "  "), Segment(1.0, 3.0, "My throat hurts.")])

    assert [(u.text, u.evidence) for u in utterances] == [("My throat hurts.", (1,))]
