"""Heidi clinical codes: ``GET /sessions/{id}/clinical-codes?coding_system=`` and the Murmur
extension ``POST /sessions/{id}/clinical-codes/feedback`` (thumbs up/down on a code)."""

from __future__ import annotations

from bisect import bisect_right
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from murmur.api.deps import ServicesDep, SessionDep
from murmur.api.heidi_v2.auth import HeidiPrincipalDep
from murmur.coding import service as coding
from murmur.coding.entities import CodedEntity, CodeRef
from murmur.coding.systems.directory import canonical
from murmur.encounters.heidi_sessions import require_session
from murmur.errors import InvalidInput

router = APIRouter(tags=["heidi-v2 clinical coding"])
_SOURCES = {"transcript": "TRANSCRIPT", "note": "CONSULT_NOTE"}
_FEEDBACK_SYSTEMS = {"ICD-10-CM": "ICD-10-CM", "CPT": "CPT"}


class CodeFeedback(BaseModel):
    model_config = ConfigDict(extra="forbid")

    coding_system: str = Field(max_length=40)
    code: str = Field(min_length=1, max_length=20)
    rating: Literal["up", "down"] | None


def _code(ref: CodeRef) -> dict[str, Any]:
    return {
        "code": ref.code,
        "description": ref.description,
        "coding_system": ref.system,
        "valid": ref.valid,
        "hierarchy": list(ref.hierarchy),
    }


def _entity(entity: CodedEntity, segment_starts: list[int]) -> dict[str, Any]:
    references: list[dict[str, Any]] = []
    for ref in entity.references:
        item: dict[str, Any] = {
            "source": _SOURCES[ref.document],
            "text": ref.text,
            "start": ref.start,
            "end": ref.end,
        }
        if ref.document == "transcript" and segment_starts:
            item["segment"] = max(bisect_right(segment_starts, ref.start) - 1, 0)
        references.append(item)
    return {
        "entity": entity.entity,
        "primary_code": _code(entity.primary),
        "similar_codes": [_code(similar) for similar in entity.similar],
        "references": references,
        # Murmur extensions: how sure, why, and the clinician's verdict.
        "confidence": entity.confidence,
        "reason": entity.reason,
        "thumbs": entity.thumbs,
    }


@router.get("/sessions/{session_id}/clinical-codes")
def get_clinical_codes(
    session_id: str,
    coding_system: Annotated[str, Query(max_length=40)],
    principal: HeidiPrincipalDep,
    session: SessionDep,
    services: ServicesDep,
) -> dict[str, Any]:
    """Active codes only; negated, hypothetical and history-only findings are left out."""
    encounter = require_session(session, tenant_id=principal.tenant_id, session_id=session_id)
    found = coding.visit_codes(
        session, encounter=encounter, system_name=coding_system, coder=services.coder
    )
    return {
        "coding_system": coding_system,
        "status": found.status,
        "entities": [_entity(e, found.segment_starts) for e in found.entities if e.active],
    }


@router.post("/sessions/{session_id}/clinical-codes/feedback")
def post_clinical_code_feedback(
    session_id: str,
    body: CodeFeedback,
    principal: HeidiPrincipalDep,
    session: SessionDep,
) -> dict[str, Any]:
    """Murmur extension: thumbs up/down (null clears) on an ICD-10-CM or CPT code."""
    system = _FEEDBACK_SYSTEMS.get(canonical(body.coding_system))
    if system is None:
        raise InvalidInput("feedback is recorded on ICD-10-CM and CPT codes", field="coding_system")
    encounter = require_session(session, tenant_id=principal.tenant_id, session_id=session_id)
    updated = coding.set_thumbs(
        session,
        tenant_id=principal.tenant_id,
        encounter_id=encounter.id,
        code=body.code,
        system=system,
        thumbs=coding.parse_thumbs(body.rating),
    )
    return {"coding_system": updated.system, "code": updated.code, "rating": updated.thumbs}
