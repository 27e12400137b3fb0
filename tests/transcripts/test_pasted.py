from __future__ import annotations

from murmur.transcripts.domain import SpeakerRole
from murmur.transcripts.pasted import parse_transcript

D, P = SpeakerRole.CLINICIAN, SpeakerRole.PATIENT


def test_bracket_and_colon_tags_name_the_speaker() -> None:
    segments = parse_transcript(
        "[doctor] Any fever?\n[patient] No.\nDoctor: Any cough?\nPatient: Yes, for a week.\n"
    )
    assert [(s.speaker, s.text) for s in segments] == [
        (D, "Any fever?"),
        (P, "No."),
        (D, "Any cough?"),
        (P, "Yes, for a week."),
    ]


def test_untagged_lines_continue_the_last_speaker_and_blank_lines_are_skipped() -> None:
    segments = parse_transcript("[patient] It started Monday.\n\nThen it got worse.\n")
    assert [(s.speaker, s.text) for s in segments] == [
        (P, "It started Monday."),
        (P, "Then it got worse."),
    ]


def test_untagged_transcript_has_no_speakers_and_times_run_forward() -> None:
    segments = parse_transcript("how are you\nfine thanks\n")
    assert [s.speaker for s in segments] == [None, None]
    assert 0 == segments[0].start < segments[0].end < segments[1].start < segments[1].end
