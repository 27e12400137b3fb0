"""A visit's facts read from its stored transcript."""

from __future__ import annotations

from murmur.encounters.languages import DETECT_LANGUAGE
from murmur.encounters.models import Encounter
from murmur.facts.domain import Medication
from murmur.facts.service import visit_facts
from murmur.services import Services
from tests.notes.seed import seed_encounter


def test_a_visit_whose_language_was_never_detected_is_read_as_english(
    services: Services,
) -> None:
    seeded = seed_encounter(services)
    with services.transactions.writing() as session:
        encounter = session.get(Encounter, seeded.encounter_id)
        assert encounter is not None
        encounter.language = DETECT_LANGUAGE
        found = visit_facts(session, encounter=encounter, extractor=services.facts)
    assert [m.name for m in found.of(Medication) if m.action == "started"] == ["albuterol"]
