"""The Murmur extension ``GET /sessions/{id}/facts``: a visit's clinical facts, each with the
transcript words it rests on."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel

from murmur.api.deps import ServicesDep, SessionDep
from murmur.api.heidi_v2.auth import HeidiPrincipalDep
from murmur.encounters.heidi_sessions import require_session
from murmur.encounters.models import Encounter
from murmur.facts.quotes import quoted_facts
from murmur.facts.service import TranscriptFacts, transcript_facts

router = APIRouter(tags=["Murmur extension"])
FactsStatus = Literal["PROCESSING", "READY", "FAILED"]
_STATUS: dict[str, FactsStatus] = {"success": "READY", "error": "FAILED"}


class SessionFacts(BaseModel):
    session_id: str
    status: FactsStatus
    facts: list[dict[str, Any]]


def session_facts(encounter: Encounter, found: TranscriptFacts) -> SessionFacts:
    # Until the transcript is finished the facts are those of the words so far.
    return SessionFacts(
        session_id=str(encounter.id),
        status=_STATUS.get(found.transcript_status, "PROCESSING"),
        facts=quoted_facts(found.facts, found.segments),
    )


@router.get("/sessions/{session_id}/facts", response_model=SessionFacts)
def get_session_facts(
    session_id: str, principal: HeidiPrincipalDep, session: SessionDep, services: ServicesDep
) -> SessionFacts:
    """Each fact: ``kind``, its fields, ``assertion``, ``experiencer``, ``speaker``,
    ``confidence``, ``key`` and ``evidence`` (segment, character span, quoted words, speaker)."""
    encounter = require_session(session, tenant_id=principal.tenant_id, session_id=session_id)
    found = transcript_facts(session, encounter=encounter, extractor=services.facts)
    return session_facts(encounter, found)
