"""The offline coder: ICD-10-CM from a curated lexicon and the code set, CPT by 2021 rules."""

from __future__ import annotations

from collections.abc import Sequence

from murmur.coding.domain import CodeSuggestion, ProcedureMention
from murmur.engines.coding.code_set import Icd10Cm, icd10cm
from murmur.engines.coding.diagnoses import icd10_suggestions
from murmur.engines.coding.facts import (
    Transcript,
    drug_management,
    exam_signs,
    family_history,
    hyperglycemia,
    sided,
    sprains,
    transcript_of_segments,
    transcript_of_text,
    with_spoken_assessment,
    without_superseded,
)
from murmur.engines.coding.office_visits import office_visit
from murmur.engines.coding.procedures import procedures
from murmur.engines.coding.sources import gather
from murmur.facts.domain import VisitFacts
from murmur.facts.ports import FactExtractor
from murmur.notes.domain import WrittenNote
from murmur.transcripts.domain import Segment


class OfflineCoder:
    """Suggests ICD-10-CM codes (negation-aware) and one CPT office-visit level; no network.

    Given a fact extractor (the composition root passes one), it also reads the visit's facts:
    the clinician's spoken diagnoses stand in for a missing assessment, relatives' conditions
    become family-history codes, a sprain keeps its joint and side, and drugs started, changed
    or stopped are prescription drug management."""

    name = "offline"

    def __init__(
        self,
        codes: Icd10Cm | None = None,
        *,
        facts: FactExtractor | None = None,
        language: str = "en",
    ) -> None:
        self._codes = codes
        self._facts = facts
        self._language = language

    def load(self) -> None:
        if self._codes is None:
            icd10cm()

    def code(self, *, note: WrittenNote, segments: Sequence[Segment]) -> list[CodeSuggestion]:
        """Offsets point into ``note.to_markdown()`` and ``transcript_text(segments)``.

        The turns are read one a line: the same characters at the same offsets as the
        space-joined text, but no sentence runs from one speaker into the next (a question
        opening the visit would otherwise swallow every turn after it)."""
        turns = "\n".join(segment.text for segment in segments)
        return self._code(note.to_markdown(), turns, transcript_of_segments(segments))

    def code_text(self, *, note: str, transcript: str) -> list[CodeSuggestion]:
        return self._code(note, transcript, transcript_of_text(transcript))

    def _code(self, note: str, text: str, transcript: Transcript) -> list[CodeSuggestion]:
        codes = self._codes or icd10cm()
        facts = self._read_facts(transcript)
        written = gather(note, text)
        sources = with_spoken_assessment(written, facts, transcript)
        coded = icd10_suggestions(sources, codes)
        added = sprains(facts, transcript, coded, codes)
        suggestions = without_superseded([c.suggestion for c in coded], added)
        suggestions = sided(suggestions, facts, transcript, codes)
        if sources != written:  # coded from what was said: exam findings are the exam's
            suggestions = exam_signs(suggestions, facts, transcript)
            suggestions = hyperglycemia(suggestions, facts, sources, codes)
        listed = {s.code for s in suggestions}
        family = [f for f in family_history(facts, transcript, codes) if f.code not in listed]
        visit = office_visit(coded, sources, drug_management(facts, transcript))
        return [*added, *suggestions, *family, visit]

    def _read_facts(self, transcript: Transcript) -> VisitFacts:
        if self._facts is None or not transcript.segments:
            return VisitFacts()
        return self._facts.extract(transcript.segments, language=self._language)

    def procedures(self, *, note: str, transcript: str) -> list[ProcedureMention]:
        return procedures(note, transcript)
