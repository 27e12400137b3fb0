"""What the facts feature needs from an extractor engine."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from murmur.facts.domain import VisitFacts
from murmur.transcripts.domain import Segment


class FactExtractor(Protocol):
    """Reads a visit's clinical facts from its segments; every fact cites the words it rests
    on (segment positions and character spans) and none is inferred without them."""

    name: str

    def extract(
        self,
        segments: Sequence[Segment],
        *,
        language: str,
        context: Mapping[str, Any] | None = None,
    ) -> VisitFacts: ...
