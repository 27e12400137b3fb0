"""Licensed code systems, stored per installation from the licensee's release files."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from murmur.coding.errors import CodeSystemNotLoaded
from murmur.coding.loaders.release import Release
from murmur.coding.models import CodeSystemRelease, LicensedConcept
from murmur.coding.systems.concepts import Concept, SystemInfo, Terminology
from murmur.coding.systems.directory import LICENSED

BATCH = 5000
_cache: dict[tuple[str, str], Terminology] = {}


@dataclass(frozen=True, slots=True)
class LoadedRelease:
    info: SystemInfo
    concept_count: int


def store(session: Session, release: Release) -> LoadedRelease:
    """Replaces any earlier release of the same system."""
    system = release.info.name
    session.execute(delete(LicensedConcept).where(LicensedConcept.system == system))
    session.execute(delete(CodeSystemRelease).where(CodeSystemRelease.system == system))
    rows = [
        {
            "system": system,
            "code": concept.code,
            "description": concept.description,
            "billable": concept.billable,
            "parent": concept.parent,
            "synonyms": list(concept.inclusion_terms),
        }
        for concept in release.concepts
    ]
    for start in range(0, len(rows), BATCH):
        session.execute(insert(LicensedConcept), rows[start : start + BATCH])
    info = release.info
    session.add(
        CodeSystemRelease(
            system=system, edition=info.edition, year=info.year, concept_count=len(rows)
        )
    )
    session.flush()
    return LoadedRelease(info, len(rows))


def loaded(session: Session) -> list[LoadedRelease]:
    releases = session.scalars(select(CodeSystemRelease).order_by(CodeSystemRelease.system))
    return [
        LoadedRelease(SystemInfo(r.system, r.edition, r.year, licensed=True), r.concept_count)
        for r in releases
    ]


def terminology(session: Session, system: str) -> Terminology:
    """The loaded release of a licensed system; a 409 naming the load command if absent."""
    release = session.get(CodeSystemRelease, system)
    if release is None:
        raise CodeSystemNotLoaded(system, LICENSED.get(system, "PATH"))
    key = (system, release.loaded_at.isoformat())
    if key not in _cache:
        rows = session.scalars(select(LicensedConcept).where(LicensedConcept.system == system))
        concepts = (
            Concept(r.code, r.description, r.billable, r.parent, tuple(r.synonyms)) for r in rows
        )
        info = SystemInfo(system, release.edition, release.year, licensed=True)
        _cache[key] = Terminology.of(info, concepts)
    return _cache[key]
