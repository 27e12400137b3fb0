"""What a clinician's edited note leaves out (a Murmur extension; Heidi's API has no such
operation): the visit's key facts the text does not state, so a page can show them before
sign-off."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from murmur.api.deps import ServicesDep, SessionDep
from murmur.api.heidi_v2.auth import HeidiPrincipalDep
from murmur.encounters.heidi_sessions import require_session
from murmur.notes.unaddressed import note_omissions

router = APIRouter(tags=["heidi-v2 notes (Murmur extension)"])

MAX_NOTE_CHARS = 200_000


class UnaddressedRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content: str = Field(max_length=MAX_NOTE_CHARS, description="the note's text as edited")
    content_type: Literal["MARKDOWN", "HTML"] = "MARKDOWN"


class UnaddressedList(BaseModel):
    session_id: str
    unaddressed: list[dict[str, Any]] = Field(
        description="key facts the text does not state: kind, label, sentence (one that would "
        "state it) and evidence (segment, start, end, text, speaker, quote)"
    )


@router.post("/sessions/{session_id}/consult-note/unaddressed", response_model=UnaddressedList)
def check_note(
    session_id: str,
    body: UnaddressedRequest,
    principal: HeidiPrincipalDep,
    session: SessionDep,
    services: ServicesDep,
) -> UnaddressedList:
    """The visit's key facts that ``content`` does not state, checked against the facts read
    from the transcript now."""
    encounter = require_session(session, tenant_id=principal.tenant_id, session_id=session_id)
    omissions = note_omissions(
        session, encounter=encounter, extractor=services.facts, text=body.content
    )
    return UnaddressedList(session_id=str(encounter.id), unaddressed=omissions.to_structure())
