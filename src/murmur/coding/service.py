"""Coding use cases the API surfaces and the command line share."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from murmur.coding import licensed, repository
from murmur.coding.domain import CodeSuggestion, CodeSystem, Reference, SimilarCode, Thumbs
from murmur.coding.entities import CodedEntity, code_entities
from murmur.coding.models import ClinicalCode
from murmur.coding.ports import Coder
from murmur.coding.systems.directory import LICENSED, bundled_info, canonical
from murmur.encounters.models import Encounter, EncounterStatus
from murmur.errors import InvalidInput, NotFound
from murmur.notes import repository as notes_repository
from murmur.transcripts import repository as transcripts
from murmur.transcripts.text import segment_starts, transcript_text


def parse_thumbs(value: str | None) -> Thumbs | None:
    if value is None:
        return None
    try:
        return Thumbs(value.strip().lower())
    except ValueError:
        raise InvalidInput("thumbs must be 'up', 'down' or null", field="thumbs") from None


def set_thumbs(
    session: Session,
    *,
    tenant_id: uuid.UUID,
    encounter_id: uuid.UUID,
    code: str,
    system: str | None,
    thumbs: Thumbs | None,
) -> ClinicalCode:
    """Records a clinician's verdict on one suggested code; null clears it."""
    found = repository.find_code(
        session, tenant_id=tenant_id, encounter_id=encounter_id, code=code, system=system
    )
    if found is None:
        raise NotFound(f"note {encounter_id} has no billing code {code!r}", field="code")
    found.thumbs = thumbs.value if thumbs else None
    session.flush()
    return found


def code_systems(session: Session) -> list[dict[str, object]]:
    """Every code system this server knows: edition, year, and whether it can be used now."""
    loaded = {release.info.name: release for release in licensed.loaded(session)}
    systems: list[dict[str, object]] = [
        {"system": i.name, "edition": i.edition, "year": i.year, "licensed": False, "loaded": True}
        for i in bundled_info()
    ]
    systems.append(
        {
            "system": "CPT",
            "edition": "E/M office visits 99202-99215 (2021 AMA rules, own descriptors)",
            "year": 2021,
            "licensed": False,
            "loaded": True,
        }
    )
    for name in LICENSED:
        release = loaded.get(name)
        systems.append(
            {
                "system": f"{name} (licensed)" if name == "CPT" else name,
                "edition": release.info.edition if release else None,
                "year": release.info.year if release else None,
                "licensed": True,
                "loaded": release is not None,
                "concepts": release.concept_count if release else 0,
            }
        )
    return systems


@dataclass(frozen=True, slots=True)
class VisitCodes:
    """A visit's codes in one system, with the texts their reference offsets point into."""

    status: str  # "PROCESSING" | "READY" | "FAILED"
    entities: list[CodedEntity]
    segment_starts: list[int]  # where each transcript segment starts in the transcript text


def _suggestion(row: ClinicalCode) -> CodeSuggestion:
    return CodeSuggestion(
        system=CodeSystem(row.system),
        code=row.code,
        description=row.description,
        confidence=row.confidence,
        reason=row.reason or "",
        source_sentences=tuple(row.source_sentences),
        active=row.active,
        entity=row.entity or "",
        references=tuple(Reference(**item) for item in row.evidence),
        similar=tuple(SimilarCode(**item) for item in row.similar),
    )


def visit_codes(
    session: Session, *, encounter: Encounter, system_name: str, coder: Coder
) -> VisitCodes:
    """Codes of a tenant's visit (the caller resolved it) in the named system; a licensed
    system must be loaded even while the visit is still being coded."""
    system = canonical(system_name)
    # Office-visit E/M codes are ours to describe; the rest of CPT comes from a licensee's file.
    needs_release = system in LICENSED and system != "CPT"
    loaded = {system: licensed.terminology(session, system)} if needs_release else {}
    if encounter.status == EncounterStatus.ERROR:
        return VisitCodes("FAILED", [], [])
    if encounter.coding_status != "success":
        return VisitCodes("PROCESSING", [], [])
    rows = repository.codes_of(session, encounter_id=encounter.id)
    note = notes_repository.consult_note(session, encounter_id=encounter.id)
    transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
    segments = transcripts.segments(session, transcript_id=transcript.id)
    entities = code_entities(
        [_suggestion(row) for row in rows],
        system=system,
        note=note.text if note else "",
        transcript=transcript_text(segments),
        licensed=loaded.__getitem__,
        coder=coder,
        thumbs={row.code: row.thumbs for row in rows},
    )
    return VisitCodes("READY", entities, segment_starts(segments))
