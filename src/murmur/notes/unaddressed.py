"""The check for what a note left out, run when asked: the visit's facts are read afresh (they
take milliseconds and are never stored), so the answer is never stale against the transcript."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from murmur.encounters.models import Encounter
from murmur.facts.domain import VisitFacts
from murmur.facts.ports import FactExtractor
from murmur.facts.service import facts_of
from murmur.notes.omissions import Unaddressed, unaddressed
from murmur.transcripts import repository as transcripts
from murmur.transcripts.domain import Segment


@dataclass(frozen=True, slots=True)
class Omissions:
    """The key facts a note does not state, and the segments their evidence points into."""

    items: list[Unaddressed]
    segments: list[Segment]

    def to_structure(self) -> list[dict[str, Any]]:
        """The list both APIs serve (a Murmur extension): each fact with the segments it was
        said in (position, start and end in seconds, text, speaker) and the words said."""
        return [
            {
                "kind": item.kind,
                "label": item.label,
                "sentence": item.sentence,
                "evidence": [
                    self._quote(e.segment, e.start, e.end)
                    for e in item.evidence
                    if 0 <= e.segment < len(self.segments)
                ],
            }
            for item in self.items
        ]

    def _quote(self, index: int, start: int, end: int) -> dict[str, Any]:
        said = self.segments[index]
        return {
            "segment": index,
            "start": round(said.start, 2),
            "end": round(said.end, 2),
            "text": said.text,
            "speaker": said.speaker.value if said.speaker else None,
            "quote": said.text[start:end],
        }


def note_omissions(
    session: Session, *, encounter: Encounter, extractor: FactExtractor, text: str
) -> Omissions:
    """The key facts of the tenant's visit (the caller resolved it) that ``text`` leaves out."""
    transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
    segments = transcripts.segments(session, transcript_id=transcript.id)
    if not segments:
        return Omissions([], [])
    facts = facts_of(session, encounter=encounter, segments=segments, extractor=extractor)
    return omissions_of(text, facts, segments)


def omissions_of(text: str, facts: VisitFacts, segments: list[Segment]) -> Omissions:
    """What ``text`` leaves out of facts the caller has already read, with their segments."""
    return Omissions(unaddressed(text, facts, [segment.text for segment in segments]), segments)
