"""Pure domain -> Playback wire mappings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from murmur.api.playback_v1 import schemas
from murmur.audio.models import RecordingChunk
from murmur.coding.domain import CodeSystem
from murmur.coding.models import ClinicalCode
from murmur.encounters.models import Encounter, EncounterStatus
from murmur.facts.domain import VisitFacts
from murmur.facts.quotes import quoted_facts
from murmur.notes.models import Note
from murmur.notes.templates import find_template
from murmur.notes.unaddressed import Omissions
from murmur.transcripts.domain import Segment
from murmur.transcripts.models import Transcript


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def billing_code(code: ClinicalCode) -> schemas.BillingCode:
    return schemas.BillingCode(
        code=code.code,
        active=code.active,
        reason=code.reason,
        thumbs=code.thumbs,
        confidence=code.confidence,
        description=code.description,
        sourceSentence=list(code.source_sentences),
    )


def billing_codes(encounter: Encounter, codes: Sequence[ClinicalCode]) -> schemas.BillingCodes:
    return schemas.BillingCodes(
        status=encounter.coding_status,
        cptCodes=[billing_code(c) for c in codes if c.system == CodeSystem.CPT],
        icdCodes=[billing_code(c) for c in codes if c.system == CodeSystem.ICD10CM],
    )


def billing_codes_response(
    encounter: Encounter, codes: Sequence[ClinicalCode]
) -> schemas.BillingCodesResponse:
    # The endpoint's status enum is processing|success only; a note that failed will never be
    # coded, so pollers are told coding is over (success: false) instead of waiting forever.
    failed = encounter.status == EncounterStatus.ERROR
    listed = billing_codes(encounter, codes)
    return schemas.BillingCodesResponse(
        success=not failed,
        status="success" if failed or listed.status == "success" else "processing",
        cptCodes=listed.cptCodes,
        icdCodes=listed.icdCodes,
        message=f"the note could not be processed: {encounter.error_reason}" if failed else None,
    )


def note_object(structure: dict[str, Any], segments: Sequence[Segment]) -> dict[str, Any]:
    """The stored note structure with every sentence's evidence spelled out as timed quotes."""

    def evidence(position: int) -> dict[str, Any]:
        segment = segments[position]
        return {
            "segment": position,
            "start": segment.start,
            "end": segment.end,
            "text": segment.text,
            "speaker": segment.speaker.value if segment.speaker else None,
        }

    return {
        "title": structure.get("title"),
        "engine": structure.get("engine"),
        "warnings": structure.get("warnings", []),
        "sections": [
            {
                "key": section["key"],
                "title": section["title"],
                "sentences": [
                    {
                        "text": sentence["text"],
                        "evidence": [
                            evidence(p) for p in sentence["evidence"] if 0 <= p < len(segments)
                        ],
                        # LLM-engine sentences that no transcript segment backs
                        **({"unsupported": True} if sentence.get("unsupported") else {}),
                    }
                    for sentence in section["sentences"]
                ],
            }
            for section in structure.get("sections", [])
        ],
    }


def with_facts(
    note_object: dict[str, Any], facts: VisitFacts, segments: Sequence[Segment]
) -> dict[str, Any]:
    """``noteObject.facts`` (a Murmur extension): the visit's facts with their quoted evidence."""
    return {**note_object, "facts": quoted_facts(facts, segments)}


def _template_ref(encounter: Encounter, note: Note | None) -> schemas.TemplateRef | None:
    if note is not None:
        return schemas.TemplateRef(name=note.template_name, id=str(note.template_id))
    if encounter.template_id is None:
        return None
    template = find_template(encounter.template_id)
    # A tenant template: until the note is written the encounter's title is its name.
    name = template.name if template else encounter.title
    return schemas.TemplateRef(name=name, id=str(encounter.template_id))


def note_response(
    encounter: Encounter,
    note: Note | None,
    codes: Sequence[ClinicalCode],
    segments: Sequence[Segment],
    facts: VisitFacts | None = None,
    omissions: Omissions | None = None,
) -> schemas.NoteResponse:
    note_wire = note_object(note.structure, segments) if note else None
    if note_wire is not None:
        if facts is not None:
            note_wire = with_facts(note_wire, facts, segments)
        note_wire["unaddressed"] = omissions.to_structure() if omissions else []
    return schemas.NoteResponse(
        id=encounter.id,
        note=note.text if note else "",
        status=encounter.status,
        createdAt=iso(encounter.created_at),
        template=_template_ref(encounter, note),
        noteObject=note_wire,
        language=encounter.language,
        billingCodes=billing_codes(encounter, codes),
        patientId=encounter.patient_ref,
        errorReason=encounter.error_reason,
    )


def recording_chunk(chunk: RecordingChunk) -> schemas.RecordingChunkWire:
    return schemas.RecordingChunkWire(
        index=chunk.position,
        status=chunk.status,
        offsetSeconds=chunk.offset_seconds,
        durationSeconds=chunk.duration_seconds,
        failureReason=chunk.failure_reason,
    )


def transcription_response(
    transcript: Transcript, segments: Sequence[Segment], chunks: Sequence[RecordingChunk]
) -> schemas.TranscriptionResponse:
    return schemas.TranscriptionResponse(
        id=transcript.id,
        text=transcript.text,
        object=schemas.TranscriptObject(
            segments=[
                schemas.TranscriptSegmentWire(
                    start=s.start,
                    end=s.end,
                    text=s.text,
                    speaker=s.speaker.value if s.speaker else None,
                )
                for s in segments
            ]
        ),
        createdAt=iso(transcript.created_at),
        status=transcript.status,
        language=transcript.language,
        errorReason=transcript.error_reason,
        chunks=[recording_chunk(chunk) for chunk in chunks],
    )


def note_list_item(encounter: Encounter, email: str) -> schemas.NoteListItem:
    return schemas.NoteListItem(
        noteId=encounter.id,
        titleText=encounter.title,
        createdAt=iso(encounter.created_at),
        email=email,
        patientId=encounter.patient_ref,
    )


def transcription_list_item(transcript: Transcript) -> schemas.TranscriptionListItem:
    return schemas.TranscriptionListItem(
        id=transcript.id,
        text=transcript.text,
        createdAt=iso(transcript.created_at),
        noteId=transcript.encounter_id,
        status=transcript.status,
        language=transcript.language,
    )
