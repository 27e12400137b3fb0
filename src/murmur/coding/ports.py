"""What the coding feature needs from a coder engine."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from murmur.coding.domain import CodeSuggestion, ProcedureMention
from murmur.notes.domain import WrittenNote
from murmur.transcripts.domain import Segment


class Coder(Protocol):
    """Suggests clinical codes for a visit from its note and transcript."""

    name: str

    def load(self) -> None:
        """Read the code sets now rather than on the first visit (idempotent)."""
        ...

    def code(self, *, note: WrittenNote, segments: Sequence[Segment]) -> list[CodeSuggestion]: ...

    def code_text(self, *, note: str, transcript: str) -> list[CodeSuggestion]:
        """Codes from plain text; reference offsets are positions in these two strings."""
        ...

    def procedures(self, *, note: str, transcript: str) -> list[ProcedureMention]:
        """The procedures planned or performed (not conditional or declined ones), for the
        procedure code systems; offsets as in ``code_text``."""
        ...
