from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from murmur.facts.cache import CachedFactExtractor
from murmur.facts.domain import FollowUp, VisitFacts
from murmur.transcripts.domain import Segment, SpeakerRole


class CountingExtractor:
    name = "counting"

    def __init__(self) -> None:
        self.reads = 0

    def extract(
        self,
        segments: Sequence[Segment],
        *,
        language: str,
        context: Mapping[str, Any] | None = None,
    ) -> VisitFacts:
        self.reads += 1
        return VisitFacts((FollowUp(interval=f"{len(segments)} weeks"),))


VISIT = [Segment(0.0, 2.0, "Come back in two weeks.", SpeakerRole.CLINICIAN)]


def test_the_same_visit_is_read_once_and_a_changed_one_again() -> None:
    counting = CountingExtractor()
    cached = CachedFactExtractor(counting)

    first = cached.extract(VISIT, language="english")
    again = cached.extract(list(VISIT), language="english")
    grown = cached.extract([*VISIT, Segment(2.5, 3.0, "Okay.")], language="english")
    with_context = cached.extract(VISIT, language="english", context={"allergies": "penicillin"})

    assert again == first
    assert grown.facts[0] == FollowUp(interval="2 weeks")
    assert with_context == first
    assert counting.reads == 3  # the repeat was remembered; new words or context read again


def test_only_the_most_recent_visits_are_kept() -> None:
    counting = CountingExtractor()
    cached = CachedFactExtractor(counting, size=2)
    visits = [[Segment(0.0, 1.0, f"Visit {n}.")] for n in range(3)]

    for visit in visits:
        cached.extract(visit, language="english")
    cached.extract(visits[0], language="english")  # forgotten: read again

    assert counting.reads == 4
