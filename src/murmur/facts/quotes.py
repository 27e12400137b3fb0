"""A visit's facts as served (Heidi ``GET /sessions/{id}/facts``, Playback
``noteObject.facts``, ``murmur notes facts``): every field, and each evidence span with the
words it quotes and who said them."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

from murmur.facts.domain import Evidence, VisitFacts
from murmur.transcripts.domain import Segment


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def quoted_evidence(evidence: Evidence, segments: Sequence[Segment]) -> dict[str, Any] | None:
    """``start``/``end`` count characters into the segment's text; None for a span that
    names no segment (a fact read from context rather than the transcript)."""
    if not 0 <= evidence.segment < len(segments):
        return None
    segment = segments[evidence.segment]
    return {
        "segment": evidence.segment,
        "start": evidence.start,
        "end": evidence.end,
        "text": segment.text[evidence.start : evidence.end],
        "speaker": segment.speaker.value if segment.speaker else None,
    }


# Written after the kind's own fields, so each fact reads kind, what, then how sure and where.
_SHARED = ("assertion", "experiencer", "speaker", "confidence")


def quoted_facts(facts: VisitFacts, segments: Sequence[Segment]) -> list[dict[str, Any]]:
    served = []
    for fact, structure in zip(facts.facts, facts.to_structure(), strict=True):
        plain = {name: _plain(value) for name, value in structure.items()}
        quoted = (quoted_evidence(span, segments) for span in fact.evidence)
        served.append(
            {
                **{k: v for k, v in plain.items() if k not in _SHARED and k != "evidence"},
                **{k: plain[k] for k in _SHARED},
                "evidence": [span for span in quoted if span is not None],
            }
        )
    return served
