"""Who said each transcript segment, clinician or patient, from wording and turn-taking.

One microphone gives one stream of segments without speakers. The wording rules of
:func:`murmur.engines.notes.roles.infer_roles` decide the segments that say something
telling ("I'll prescribe", "I've been having"); the rest follow the turn-taking of a
conversation: a question is answered by the other person, a segment that starts right after
the last one carries on the same voice, and after a longer pause the other person speaks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from murmur.engines.notes.roles import infer_roles
from murmur.engines.notes.sentences import Utterance
from murmur.engines.notes.text import is_question
from murmur.transcripts.domain import Segment, SpeakerRole

# Whisper splits one speaker's sentences with almost no gap; a new speaker usually starts
# after a breath at least this long.
TURN_GAP_SECONDS = 0.6


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
            role = _by_turn_taking(labelled[-1] if labelled else None, segment)
        labelled.append(replace(segment, speaker=role))
    return labelled


def _by_turn_taking(previous: Segment | None, segment: Segment) -> SpeakerRole:
    if previous is None or previous.speaker is None:
        return SpeakerRole.CLINICIAN  # the clinician opens the visit
    if is_question(previous.text) or segment.start - previous.end >= TURN_GAP_SECONDS:
        return other(previous.speaker)
    return previous.speaker
