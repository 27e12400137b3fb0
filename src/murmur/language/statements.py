"""What the grounded writer extracts from a visit before it lays out the note."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from murmur.transcripts.domain import SpeakerRole


class Kind(StrEnum):
    SUBJECTIVE = "subjective"
    OBJECTIVE = "objective"
    ASSESSMENT = "assessment"
    PLAN = "plan"


class Swap(StrEnum):
    """Which pronouns a rule turns into third person."""

    NONE = "none"
    PATIENT = "patient"  # first person: "my cough" -> "their cough"
    CLINICIAN = "clinician"  # second person: "your lungs" -> "their lungs"


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence of clinical prose and the transcript segments (by position) behind it."""

    kind: Kind
    text: str
    evidence: tuple[int, ...]
    tags: frozenset[str] = frozenset()
    topic: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """A spoken pattern and the clinical sentence it becomes.

    `frame` is formatted with the pattern's named groups after their pronouns are swapped;
    `requires`/`rejects` test the `x` group, so that a rule only fires on clinical content.
    """

    pattern: re.Pattern[str]
    kind: Kind
    frame: str
    speakers: frozenset[SpeakerRole]
    swap: Swap = Swap.NONE
    tags: frozenset[str] = frozenset()
    requires: re.Pattern[str] | None = None
    rejects: re.Pattern[str] | None = None
    group_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    strict: bool = False  # fires only when the speaker is known, never on a guess


def rule(
    pattern: str,
    kind: Kind,
    frame: str,
    speakers: frozenset[SpeakerRole],
    *,
    swap: Swap = Swap.NONE,
    tags: Iterable[str] = (),
    requires: re.Pattern[str] | None = None,
    rejects: re.Pattern[str] | None = None,
    maps: dict[str, dict[str, str]] | None = None,
    strict: bool = False,
) -> Rule:
    return Rule(
        re.compile(pattern, re.IGNORECASE),
        kind,
        frame,
        speakers,
        swap,
        frozenset(tags),
        requires,
        rejects,
        maps or {},
        strict,
    )
