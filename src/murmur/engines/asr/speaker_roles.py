"""Who said each transcript segment, clinician or patient, from wording and turn-taking.

One microphone gives one stream of segments without speakers. The wording rules of
:func:`murmur.language.roles.infer_roles` decide the segments that say something
telling ("I'll prescribe", "I've been having"); the rest follow turn-taking: a question is
answered by the other person, and otherwise the clinician, who leads the visit and talks
most, is the better guess. (Pauses say nothing here: Whisper's segments run end to start.)
On PriMock57 consultations read aloud (benchmarks/asr.py, tuning set) wording decides about
three segments in four, 83% of them rightly; the clinician default beat "same speaker as
before" (81% against 77% overall), and alternating speakers did worse still (75%).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from murmur.language.roles import infer_roles
from murmur.language.sentences import Utterance
from murmur.language.spoken import is_question
from murmur.transcripts.domain import Segment, SpeakerRole


def other(role: SpeakerRole) -> SpeakerRole:
    return SpeakerRole.PATIENT if role is SpeakerRole.CLINICIAN else SpeakerRole.CLINICIAN


def label_speakers(segments: Sequence[Segment]) -> list[Segment]:
    """The segments with ``speaker`` set on every one; labels already present are kept."""
    utterances = [
        Utterance(text=segment.text, evidence=(position,), speaker=segment.speaker)
        for position, segment in enumerate(segments)
    ]
    worded = [utterance.speaker for utterance in infer_roles(utterances)]
    labelled: list[Segment] = []
    for position, segment in enumerate(segments):
        role = worded[position]
        if role is None:
            role = _by_turn_taking(labelled[-1] if labelled else None)
        labelled.append(replace(segment, speaker=role))
    return labelled


def _by_turn_taking(previous: Segment | None) -> SpeakerRole:
    if previous is not None and previous.speaker is not None and is_question(previous.text):
        return other(previous.speaker)
    return SpeakerRole.CLINICIAN
