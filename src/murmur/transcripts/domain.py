"""A transcript's value types, and the kinds of job that transcribe."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# Job kinds (rows of the job queue): a whole recording transcribed at finish, and one chunk of a
# live recording transcribed as it arrives.
TRANSCRIBE_JOB = "transcribe"
LIVE_TRANSCRIBE_JOB = "transcribe_live"


class SpeakerRole(StrEnum):
    CLINICIAN = "CLINICIAN"
    PATIENT = "PATIENT"


@dataclass(frozen=True, slots=True)
class Segment:
    """A timed stretch of speech; times are seconds from the start of the whole recording."""

    start: float
    end: float
    text: str
    speaker: SpeakerRole | None = None
