from __future__ import annotations

import pytest

from murmur.engines.asr.term_correction import correct_segments
from murmur.transcripts.domain import Segment, SpeakerRole


def _corrected(text: str, terms: list[str]) -> str:
    return correct_segments([Segment(0.0, 1.0, text)], terms)[0].text


@pytest.mark.parametrize(
    ("heard", "meant"),
    [
        ("I take something called furosmide.", "I take something called furosemide."),
        ("And, uh, isoprolol.", "And, uh, bisoprolol."),
        ("Methatrexate at the moment?", "Methotrexate at the moment?"),
        ("the blue in hailer, please", "the blue inhaler, please"),
    ],
)
def test_near_misses_of_the_visit_s_terms_are_respelled(heard: str, meant: str) -> None:
    terms = ["furosemide", "bisoprolol", "methotrexate", "inhaler"]

    assert _corrected(heard, terms) == meant


def test_times_and_speakers_are_kept() -> None:
    segment = Segment(1.5, 3.0, "More furosmide.", speaker=SpeakerRole.PATIENT)

    assert correct_segments([segment], ["furosemide"]) == [
        Segment(1.5, 3.0, "More furosemide.", speaker=SpeakerRole.PATIENT)
    ]


def test_a_known_drug_is_never_turned_into_the_patient_s_drug() -> None:
    # metoprolol is a real drug, and "metaprolol" is closer to it than to bisoprolol.
    text = "Was it metoprolol or metaprolol?"

    assert _corrected(text, ["bisoprolol", "metoprolol"]) == "Was it metoprolol or metoprolol?"
    assert _corrected(text, ["bisoprolol"]) == text


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Take the station road.", ["statin"]),  # too short a name to guess at
        ("I take metformin for the diabetes.", ["type 2 diabetes"]),  # several words
        ("We talked about the weather.", ["warfarin"]),  # not close
        ("Furosemide, then more furosemide.", ["furosemide"]),  # already right
    ],
)
def test_ordinary_words_and_right_spellings_are_left_alone(text: str, terms: list[str]) -> None:
    assert _corrected(text, terms) == text


def test_no_terms_change_nothing() -> None:
    segments = [Segment(0.0, 1.0, "furosmide")]

    assert correct_segments(segments, []) == segments
