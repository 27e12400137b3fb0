"""A pasted transcript (plain text, one turn per line, speaker tags optional) as segments.

Accepted tags: ``[doctor]``, ``[patient]`` (ACI-Bench style) and ``Doctor:``, ``Patient:``,
with the usual synonyms. An untagged line continues the last tagged speaker.
"""

from __future__ import annotations

import re

from murmur.transcripts.domain import Segment, SpeakerRole

SECONDS_PER_WORD = 0.4
MIN_SEGMENT_SECONDS = 1.0
PAUSE_SECONDS = 0.3

_CLINICIAN = r"doctor|dr\.?|clinician|physician|provider|nurse|np|pa|médico|medico|doctora"
_PATIENT = r"patient|pt\.?|paciente|mother|father|parent|caregiver"
_ANY = f"{_CLINICIAN}|{_PATIENT}"
_TAG = re.compile(
    rf"^\s*(?:\[(?P<bracket>{_ANY})(?:[_ ]\w+)?\]|(?P<colon>{_ANY})\s*:)\s*", re.IGNORECASE
)
_PATIENT_TAG = re.compile(rf"^(?:{_PATIENT})$", re.IGNORECASE)


def _role(tag: str) -> SpeakerRole:
    return SpeakerRole.PATIENT if _PATIENT_TAG.match(tag) else SpeakerRole.CLINICIAN


def parse_transcript(text: str) -> list[Segment]:
    """One segment per non-empty line, timed back to back from word counts."""
    segments: list[Segment] = []
    speaker: SpeakerRole | None = None
    clock = 0.0
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if match := _TAG.match(line):
            speaker = _role(match.group("bracket") or match.group("colon"))
            line = line[match.end() :].strip()
            if not line:
                continue
        duration = max(MIN_SEGMENT_SECONDS, SECONDS_PER_WORD * len(line.split()))
        segments.append(Segment(round(clock, 2), round(clock + duration, 2), line, speaker))
        clock += duration + PAUSE_SECONDS
    return segments
