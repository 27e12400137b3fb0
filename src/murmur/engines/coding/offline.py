"""The offline coder: ICD-10-CM from a curated lexicon and the code set, CPT by 2021 rules."""

from __future__ import annotations

from collections.abc import Sequence

from murmur.coding.domain import CodeSuggestion, ProcedureMention
from murmur.engines.coding.code_set import Icd10Cm, icd10cm
from murmur.engines.coding.diagnoses import icd10_suggestions
from murmur.engines.coding.office_visits import office_visit
from murmur.engines.coding.procedures import procedures
from murmur.engines.coding.sources import gather
from murmur.notes.domain import WrittenNote
from murmur.transcripts.domain import Segment
from murmur.transcripts.text import transcript_text


class OfflineCoder:
    """Suggests ICD-10-CM codes (negation-aware) and one CPT office-visit level; no network."""

    name = "offline"

    def __init__(self, codes: Icd10Cm | None = None) -> None:
        self._codes = codes

    def load(self) -> None:
        if self._codes is None:
            icd10cm()

    def code(self, *, note: WrittenNote, segments: Sequence[Segment]) -> list[CodeSuggestion]:
        """Offsets point into ``note.to_markdown()`` and ``transcript_text(segments)``."""
        return self.code_text(note=note.to_markdown(), transcript=transcript_text(segments))

    def code_text(self, *, note: str, transcript: str) -> list[CodeSuggestion]:
        codes = self._codes or icd10cm()
        sources = gather(note, transcript)
        coded = icd10_suggestions(sources, codes)
        return [c.suggestion for c in coded] + [office_visit(coded, sources)]

    def procedures(self, *, note: str, transcript: str) -> list[ProcedureMention]:
        return procedures(note, transcript)
