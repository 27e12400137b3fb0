"""A visit's clinical facts, read from its transcript and context when asked for: extraction
takes milliseconds, so facts are never stored and never stale against the transcript."""

from __future__ import annotations

from sqlalchemy.orm import Session

from murmur.encounters.models import Encounter
from murmur.facts.domain import VisitFacts
from murmur.facts.ports import FactExtractor
from murmur.notes.note_context import gather_context
from murmur.transcripts import repository as transcripts


def visit_facts(session: Session, *, encounter: Encounter, extractor: FactExtractor) -> VisitFacts:
    """The facts of a tenant's visit (the caller resolved it); none before it is transcribed."""
    transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
    segments = transcripts.segments(session, transcript_id=transcript.id)
    return extractor.extract(
        segments, language=encounter.language, context=gather_context(session, encounter)
    )
