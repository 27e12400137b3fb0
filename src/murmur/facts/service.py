"""A visit's clinical facts, read from its transcript and context when asked for: extraction
takes milliseconds, so facts are never stored and never stale against the transcript."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from murmur.encounters.languages import DETECT_LANGUAGE
from murmur.encounters.models import Encounter
from murmur.facts.domain import VisitFacts
from murmur.facts.ports import FactExtractor
from murmur.notes.note_context import gather_context
from murmur.transcripts import repository as transcripts
from murmur.transcripts.domain import Segment


def visit_facts(session: Session, *, encounter: Encounter, extractor: FactExtractor) -> VisitFacts:
    """The facts of a tenant's visit (the caller resolved it); none before it is transcribed."""
    transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
    segments = transcripts.segments(session, transcript_id=transcript.id)
    return facts_of(session, encounter=encounter, segments=segments, extractor=extractor)


@dataclass(frozen=True, slots=True)
class TranscriptFacts:
    """A visit's facts with the segments their evidence counts into, and whether the transcript
    they come from is finished (``success``), still coming (``pending``) or failed (``error``)."""

    transcript_status: str
    segments: list[Segment]
    facts: VisitFacts


def transcript_facts(
    session: Session, *, encounter: Encounter, extractor: FactExtractor
) -> TranscriptFacts:
    """The facts of the transcript so far: a visit still being transcribed has facts too."""
    transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
    segments = transcripts.segments(session, transcript_id=transcript.id)
    return TranscriptFacts(
        transcript.status,
        segments,
        facts_of(session, encounter=encounter, segments=segments, extractor=extractor),
    )


def facts_of(
    session: Session, *, encounter: Encounter, segments: Sequence[Segment], extractor: FactExtractor
) -> VisitFacts:
    """The facts of segments the caller has already read (with the encounter's context)."""
    # A language never detected (a Heidi session given text, not speech) is read as English,
    # as the note writers read it.
    language = "english" if encounter.language == DETECT_LANGUAGE else encounter.language
    return extractor.extract(
        segments, language=language, context=gather_context(session, encounter)
    )
