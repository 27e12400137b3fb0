"""The invented-text filter, on scores whisper-base really gave (text, no_speech_prob,
avg_logprob), measured with voice activity detection off so the model saw the non-speech."""

from __future__ import annotations

import pytest

from murmur.engines.asr.hallucinations import (
    Candidate,
    compression_ratio,
    drop_invented,
    normalise,
)

INVENTED = [
    ("You", 0.93, -0.71),  # 30 s of digital silence
    ("You", 0.96, -0.94),  # silence with -70 dBFS dither
    ("I'm sorry, I'm sorry, I'm sorry.", 0.99, -1.22),  # white noise, -30 dBFS
    ("This is the first time I've ever seen a new", 0.99, -1.74),  # white noise, -50 dBFS
    ("If you want to get closer to your eyes,", 0.99, -1.92),  # pink noise, -40 dBFS
    (".", 0.76, -1.40),  # 440 Hz tone
    ("I'm sorry, I'm sorry.", 0.64, -1.55),  # C major chord
    ("Thank you very much.", 0.53, -1.29),  # piano-like melody
    ("A-A-A-A-A-A-A-A-A-A-A....", 0.81, -0.75),  # sung vowel with vibrato
    ("MUSIC", 0.81, -2.18),
    ("I'm sorry.", 0.93, -1.91),  # 50 Hz mains hum
    ("I'm sorry, " * 40, 0.61, -0.11),  # melody, a loop every temperature failed to escape
    ("Thanks for watching!", 0.05, -0.30),  # never said to a clinician, whatever the scores
    ("Subtitles by the Amara.org community", 0.10, -0.40),
]

SPOKEN = [
    ("Thank you.", 0.41, -0.67),  # a lone "thank you" in silence, the highest no-speech seen
    ("Thank you.", 0.12, -1.11),  # a lone "thanks" in pink noise, misheard
    ("Thanks.", 0.35, -0.96),
    ("Yeah", 0.46, -0.46),
    ("No.", 0.22, -0.72),
    ("Bye", 0.28, -0.26),
    ("Onks.", 0.10, -1.13),  # misheard, but heard: better shown than dropped
    ("Excellent. How for your diabetes?", 0.56, -0.26),  # a dialogue window
    ("No, no, no, it does not hurt. No, not at all, no.", 0.02, -0.30),
]


def _alone(text: str, no_speech: float, logprob: float) -> Candidate:
    return Candidate(0.0, 1.0, text, avg_logprob=logprob, no_speech_prob=no_speech, window=0)


@pytest.mark.parametrize(("text", "no_speech", "logprob"), INVENTED)
def test_text_invented_over_non_speech_is_dropped(
    text: str, no_speech: float, logprob: float
) -> None:
    assert drop_invented([_alone(text, no_speech, logprob)]) == []


@pytest.mark.parametrize(("text", "no_speech", "logprob"), SPOKEN)
def test_real_speech_is_kept(text: str, no_speech: float, logprob: float) -> None:
    candidate = _alone(text, no_speech, logprob)

    assert drop_invented([candidate]) == [candidate]


def test_filler_is_dropped_only_when_it_is_all_its_window_heard() -> None:
    shared = [
        Candidate(0.0, 2.0, "Follow up in one week.", -0.3, 0.56, window=3000),
        Candidate(2.0, 3.0, "Thank you.", -0.3, 0.56, window=3000),
    ]
    alone = Candidate(40.0, 41.0, "Thank you.", -0.3, 0.56, window=4000)
    unplaced = Candidate(50.0, 51.0, "Thank you.", -0.3, 0.56)

    assert drop_invented([*shared, alone, unplaced]) == [*shared, unplaced]


def test_a_server_without_scores_is_trusted_except_for_caption_credits() -> None:
    candidates = [Candidate(0.0, 1.0, "you"), Candidate(1.0, 2.0, "Thanks for watching.")]

    assert drop_invented(candidates) == candidates[:1]


def test_repetition_is_measured_as_whisper_does() -> None:
    assert compression_ratio("") == 0.0
    assert compression_ratio("Your kidney function is normal and your potassium is 4.3.") < 1.5
    assert compression_ratio("I'm sorry, " * 40) > 10


def test_phrases_are_compared_without_case_or_punctuation() -> None:
    assert normalise("  Thanks for WATCHING!! ") == "thanks for watching"
    assert normalise("I'm sorry…") == "i'm sorry"
    assert normalise("— . ,") == ""
