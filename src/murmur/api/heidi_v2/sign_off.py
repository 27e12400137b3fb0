"""Signing off the consult note (a Murmur extension; Heidi's API has no such operation): the
clinician's edited text, who signed it and when, versioned by amendment."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from murmur.api.deps import SessionDep
from murmur.api.heidi_v2.auth import HeidiPrincipalDep
from murmur.encounters.heidi_sessions import require_session
from murmur.notes import sign_off as service
from murmur.notes.sign_off import SignedVersion

router = APIRouter(tags=["heidi-v2 notes (Murmur extension)"])

Content = Literal["MARKDOWN", "HTML"]
MAX_NOTE_CHARS = 200_000


class SignOffRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content: str = Field(max_length=MAX_NOTE_CHARS, description="the note as the clinician signs")
    content_type: Content = "MARKDOWN"
    amends_version: int | None = Field(
        default=None,
        ge=0,
        description="the version this text amends (0 for a first sign-off); 409 if another "
        "version was signed since",
    )

    @field_validator("content")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the note to sign off is empty; send the note's text")
        return value


class Signer(BaseModel):
    provider_id: str
    email: str


class SignedNote(BaseModel):
    version: int
    content: str
    content_type: Content
    signed_by: Signer
    signed_at: datetime


class SignOffState(BaseModel):
    session_id: str
    status: Literal["UNSIGNED", "SIGNED", "AMENDED"]
    version: int
    content: str | None
    content_type: Content | None
    signed_by: Signer | None
    signed_at: datetime | None
    history: list[SignedNote]


def _signed(item: SignedVersion) -> SignedNote:
    row = item.sign_off
    content_type: Content = "HTML" if row.content_type == "HTML" else "MARKDOWN"
    return SignedNote(
        version=row.version,
        content=row.content,
        content_type=content_type,
        signed_by=Signer(provider_id=str(row.signed_by), email=item.signer_email),
        signed_at=row.signed_at,
    )


def _state(session_id: str, versions: list[SignedVersion]) -> SignOffState:
    history = [_signed(item) for item in versions]
    if not history:
        return SignOffState(
            session_id=session_id,
            status="UNSIGNED",
            version=0,
            content=None,
            content_type=None,
            signed_by=None,
            signed_at=None,
            history=[],
        )
    latest = history[0]
    return SignOffState(
        session_id=session_id,
        status="SIGNED" if latest.version == 1 else "AMENDED",
        version=latest.version,
        content=latest.content,
        content_type=latest.content_type,
        signed_by=latest.signed_by,
        signed_at=latest.signed_at,
        history=history,
    )


@router.get("/sessions/{session_id}/consult-note/sign-off", response_model=SignOffState)
def get_sign_off(
    session_id: str, principal: HeidiPrincipalDep, session: SessionDep
) -> SignOffState:
    """The signed note (latest version first in ``history``), or ``status: UNSIGNED``."""
    encounter = require_session(session, tenant_id=principal.tenant_id, session_id=session_id)
    return _state(str(encounter.id), service.history(session, encounter=encounter))


@router.post(
    "/sessions/{session_id}/consult-note/sign-off",
    response_model=SignOffState,
    status_code=201,
    responses={200: {"description": "the same text was already the signed version"}},
)
def sign_off(
    session_id: str,
    body: SignOffRequest,
    response: Response,
    principal: HeidiPrincipalDep,
    session: SessionDep,
) -> SignOffState:
    """Signs the clinician's text as the session's note, as the caller. 201 with a new version
    (1, or an amendment); 200 when the text is already the latest version (a retry)."""
    encounter = require_session(session, tenant_id=principal.tenant_id, session_id=session_id)
    created = service.sign_off(
        session,
        encounter=encounter,
        provider_id=principal.provider_id,
        content=body.content,
        content_type=body.content_type,
        amends_version=body.amends_version,
    )
    if not created:
        response.status_code = 200
    return _state(str(encounter.id), service.history(session, encounter=encounter))
