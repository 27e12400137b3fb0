from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
