"""The rule-based fact extractor: English clinical speech read with murmur.language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from murmur.engines.facts.diagnoses import diagnoses
from murmur.engines.facts.exam import exams
from murmur.engines.facts.history import histories
from murmur.engines.facts.medications import medications
from murmur.engines.facts.plans import plans
from murmur.engines.facts.results import results
from murmur.engines.facts.said import visit_sentences
from murmur.engines.facts.vitals import vitals
from murmur.facts.domain import (
    Assertion,
    Certainty,
    Diagnosis,
    Fact,
    FamilyHistory,
    Medication,
    MedicationAction,
    Order,
    OrderType,
    Score,
    VisitFacts,
    Vital,
)
from murmur.transcripts.domain import Segment

# When one drug is mentioned several times, the visit's decision about it is the fact.
_ACTION_RANK = {
    MedicationAction.STOPPED: 0, MedicationAction.CHANGED: 0, MedicationAction.STARTED: 1,
    MedicationAction.HELD: 1, MedicationAction.REFILLED: 2, MedicationAction.CONTINUED: 3,
    MedicationAction.TAKING: 4,
}  # fmt: skip
_GENERIC_LAB = "blood tests"
_CERTAINTY_RANK = {Certainty.CONFIRMED: 0, Certainty.SUSPECTED: 1, Certainty.RULED_OUT: 2}
_ASSERTION_RANK = {
    Assertion.PRESENT: 0, Assertion.PLANNED: 1, Assertion.CONDITIONAL: 2,
    Assertion.HYPOTHETICAL: 3, Assertion.POSSIBLE: 3, Assertion.HISTORICAL: 4,
    Assertion.ABSENT: 5,
}  # fmt: skip


def _one_per_drug(found: list[Medication]) -> list[Medication]:
    """The present decision about each drug; a conditional change is kept beside it."""
    best: dict[tuple[str, bool], Medication] = {}
    for fact in found:
        future = fact.assertion in (Assertion.CONDITIONAL, Assertion.HYPOTHETICAL)
        slot = (fact.name, future)
        rank = (_ASSERTION_RANK[fact.assertion], _ACTION_RANK[fact.action])
        held = best.get(slot)
        if held is None or rank < (_ASSERTION_RANK[held.assertion], _ACTION_RANK[held.action]):
            best[slot] = fact
    kept = list(best.values())
    return [
        fact
        for fact in kept
        if not (
            fact.assertion in (Assertion.CONDITIONAL, Assertion.HYPOTHETICAL)
            and (fact.name, False) in best
            and best[(fact.name, False)].action == fact.action
        )
    ]


def _one_per_problem(found: list[Diagnosis]) -> list[Diagnosis]:
    """A problem named several times is one diagnosis, as certain as the surest mention."""
    best: dict[str, Diagnosis] = {}
    for fact in found:
        held = best.get(fact.name)
        if held is None or _CERTAINTY_RANK[fact.certainty] < _CERTAINTY_RANK[held.certainty]:
            best[fact.name] = fact
    return list(best.values())


def _specific_tests(found: list[Fact]) -> list[Fact]:
    """ "Some blood tests" next to the named tests is the same order said loosely."""
    named = any(isinstance(f, Order) and f.order_type is OrderType.LAB and f.name != _GENERIC_LAB
                for f in found)  # fmt: skip
    return [f for f in found if not (named and isinstance(f, Order) and f.name == _GENERIC_LAB)]


def _first_of_each(found: Sequence[Fact]) -> list[Fact]:
    """Drops repeats: the same fact said again (a relative's condition told twice)."""
    seen: set[tuple[str, str, str]] = set()
    kept: list[Fact] = []
    for fact in found:
        extra = fact.relative if isinstance(fact, FamilyHistory) else ""
        extra += f"{fact.value}" if isinstance(fact, Vital | Score) else ""
        identity = (fact.kind, fact.label, extra + fact.assertion.value)
        if identity not in seen:
            seen.add(identity)
            kept.append(fact)
    return kept


def _said_order(fact: Fact) -> tuple[int, int]:
    first = fact.evidence[0] if fact.evidence else None
    return (first.segment, first.start) if first else (0, 0)


class RuleFactExtractor:
    """Finds facts with hand-written patterns over ``murmur.language``'s sentences and
    ConText; every fact points at the words it was read from."""

    name = "rules"

    def extract(
        self,
        segments: Sequence[Segment],
        *,
        language: str,
        context: Mapping[str, Any] | None = None,
    ) -> VisitFacts:
        # Only English patterns exist so far; another language yields no facts rather than
        # facts read with the wrong grammar.
        if not language.lower().startswith("en"):
            return VisitFacts()
        sentences = visit_sentences(segments)
        found: list[Fact] = [
            *_one_per_drug(medications(sentences)),
            *_one_per_problem(diagnoses(sentences)),
            *_first_of_each(
                _specific_tests(
                    [
                        *vitals(sentences),
                        *results(sentences),
                        *exams(sentences),
                        *plans(sentences),
                        *histories(sentences),
                    ]
                )
            ),
        ]
        return VisitFacts(tuple(sorted(found, key=_said_order)))
