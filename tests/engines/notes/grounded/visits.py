"""Hand-written visits shaped like Whisper output: 2-10 s segments, no speaker labels."""

from __future__ import annotations

from murmur.transcripts.domain import Segment, SpeakerRole

SECONDS_PER_WORD = 0.35


def segments(lines: list[str], speakers: list[SpeakerRole] | None = None) -> list[Segment]:
    """One segment per line, timed back to back with short pauses."""
    built: list[Segment] = []
    clock = 0.0
    for index, line in enumerate(lines):
        duration = max(2.0, SECONDS_PER_WORD * len(line.split()))
        speaker = speakers[index] if speakers else None
        built.append(Segment(clock, clock + duration, line, speaker))
        clock += duration + 0.4
    return built


BRONCHITIS = [
    "Hi, good morning. How are you doing today?",
    "Not great. I've had a cough for five days",
    "and it's been keeping me up at night.",
    "Okay. Any fever?",
    "Yeah, I had a fever of 100.4 last night.",
    "Any chest pain?",
    "No, no chest pain.",
    "Are you coughing anything up?",
    "Yes, some yellow phlegm.",
    "Okay, let me listen to your lungs. Take a deep breath.",
    "Your temperature today is 99.1 and your oxygen is 97 percent.",
    "I hear some wheezing in both lungs, but no crackles.",
    "So I think this is acute bronchitis.",
    "I'm going to prescribe an albuterol inhaler, okay?",
    "I want you to drink plenty of fluids and rest.",
    "Okay, thank you so much.",
    "You're welcome. Feel better.",
]

CHRONIC_FOLLOW_UP = [
    "Good to see you again. How have you been?",
    "Pretty good. My sugars have been okay, mostly around 130 in the morning.",
    "Are you taking the metformin every day?",
    "Yes, twice a day.",
    "And the lisinopril for your blood pressure?",
    "Yes, every morning.",
    "Your blood pressure today is 128 over 82.",
    "So your hypertension is well controlled",
    "and your type 2 diabetes is stable.",
    "Let's continue the lisinopril 20 milligrams daily",
    "and continue metformin 1000 milligrams twice a day.",
    "I'd like to check an A1c today.",
    "Come back in three months.",
]

SPANISH = [
    "Buenos días, ¿cómo está?",
    "Tengo tos desde hace cinco días.",
    "¿Tiene fiebre?",
    "No.",
    "Creo que es bronquitis aguda.",
    "Le voy a recetar un inhalador de albuterol.",
    "Gracias, doctor.",
]
