"""The check for what a note left out, run when asked: the visit's facts are read afresh (they
take milliseconds and are never stored), so the answer is never stale against the transcript."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from murmur.encounters.models import Encounter
from murmur.facts.ports import FactExtractor
from murmur.facts.service import visit_facts
from murmur.notes.omissions import Unaddressed, unaddressed
from murmur.transcripts import repository as transcripts
from murmur.transcripts.domain import Segment


@dataclass(frozen=True, slots=True)
class Omissions:
    """The key facts a note does not state, and the segments their evidence points into."""

    items: list[Unaddressed]
    segments: list[Segment]


def note_omissions(
    session: Session, *, encounter: Encounter, extractor: FactExtractor, text: str
) -> Omissions:
    """The key facts of the tenant's visit (the caller resolved it) that ``text`` leaves out."""
    transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
    segments = transcripts.segments(session, transcript_id=transcript.id)
    if not segments:
        return Omissions([], [])
    facts = visit_facts(session, encounter=encounter, extractor=extractor)
    items = unaddressed(text, facts, [segment.text for segment in segments])
    return Omissions(items, segments)
