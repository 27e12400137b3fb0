"""Facts are read when asked for, and a poller asks often: the same transcript and context give
the same facts, so the last visits' facts are kept in memory, keyed by exactly what they were
read from (a new segment or a changed context reads them again)."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from murmur.facts.domain import VisitFacts
from murmur.facts.ports import FactExtractor
from murmur.transcripts.domain import Segment


def _fingerprint(
    segments: Sequence[Segment], language: str, context: Mapping[str, Any] | None
) -> str:
    digest = hashlib.sha256(language.encode())
    for segment in segments:
        speaker = segment.speaker.value if segment.speaker else ""
        digest.update(f"\x1e{segment.start}\x1f{segment.end}\x1f{speaker}\x1f".encode())
        digest.update(segment.text.encode())
    digest.update(json.dumps(context or {}, sort_keys=True, default=str).encode())
    return digest.hexdigest()


class CachedFactExtractor:
    """Remembers the facts of the last ``size`` distinct inputs of another extractor."""

    def __init__(self, extractor: FactExtractor, *, size: int = 256) -> None:
        self.name = extractor.name
        self._extractor = extractor
        self._size = size
        self._kept: OrderedDict[str, VisitFacts] = OrderedDict()
        self._lock = threading.Lock()

    def extract(
        self,
        segments: Sequence[Segment],
        *,
        language: str,
        context: Mapping[str, Any] | None = None,
    ) -> VisitFacts:
        key = _fingerprint(segments, language, context)
        with self._lock:
            if (kept := self._kept.get(key)) is not None:
                self._kept.move_to_end(key)
                return kept
        facts = self._extractor.extract(segments, language=language, context=context)
        with self._lock:
            self._kept[key] = facts
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return facts
