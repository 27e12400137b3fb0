"""Pure domain -> Heidi wire mappings."""

from __future__ import annotations

from typing import Any, Literal

from murmur.api.heidi_v2 import schemas
from murmur.audio.models import ChunkSource, ChunkStatus, RecordingChunk
from murmur.context_documents.models import ContextDocument as ContextDocumentRow
from murmur.encounters.languages import LANGUAGE_CODES
from murmur.encounters.models import Encounter
from murmur.encounters.session_views import SessionView
from murmur.notes.models import Document
from murmur.notes.unaddressed import Omissions
from murmur.patients.models import PatientProfile
from murmur.transcripts.domain import Segment
from murmur.transcripts.progress import ChunkProgress, TranscriptProgress
from murmur.transcripts.text import transcript_text


def patient_profile(profile: PatientProfile) -> schemas.PatientProfile:
    return schemas.PatientProfile(
        id=str(profile.id),
        first_name=profile.first_name,
        last_name=profile.last_name,
        date_of_birth=profile.date_of_birth,
        gender=profile.gender,
        ehr_patient_id=profile.ehr_patient_id,
        provider=profile.provider,
        created_at=profile.created_at,
        updated_at=profile.updated_at,
    )


def language_code(encounter: Encounter) -> str:
    """The code the client set, else the language heard (empty until speech is heard)."""
    return encounter.language_code or LANGUAGE_CODES.get(encounter.language, "")


def audio_source(chunks: list[RecordingChunk]) -> Literal["USER_UPLOADED", "LIVE"] | None:
    if not chunks:
        return None
    return "LIVE" if any(c.source == ChunkSource.LIVE for c in chunks) else "USER_UPLOADED"


def _patient(view: SessionView) -> dict[str, Any]:
    patient = dict(view.encounter.patient or {})
    profile = view.profile
    if profile is not None:
        names = (profile.first_name, profile.last_name)
        patient.setdefault("name", " ".join(n for n in names if n))
        patient.setdefault("gender", profile.gender)
        if profile.date_of_birth:
            patient.setdefault("dob", profile.date_of_birth.isoformat())
        patient.setdefault("ehr_patient_id", profile.ehr_patient_id)
    return patient


def _audio(view: SessionView) -> dict[str, Any]:
    encounter = view.encounter
    seconds = sum(chunk.duration_seconds or 0.0 for chunk in view.chunks)
    return {
        "source": audio_source(view.chunks),
        "recording_id": str(encounter.live_recording_id) if encounter.live_recording_id else None,
        "chunks": len(view.chunks),
        "duration": round(seconds, 2),
        "finished": encounter.finished_at is not None,
    }


def _consult_note(view: SessionView, omissions: Omissions | None) -> dict[str, Any]:
    note = view.note
    if note is None:
        return {}
    return {
        "id": str(note.id),
        "status": "READY",
        "result": note.text,
        "template_id": str(note.template_id),
        "template_name": note.template_name,
        "voice_style": note.voice_style,
        "content_type": note.content_type,
        # Sections -> sentences -> transcript evidence, so a client can show what each rests on.
        "structure": note.structure,
        # Murmur extension: key facts of the visit this note does not state, checked now.
        "unaddressed": omissions.to_structure() if omissions else [],
    }


def document(item: Document) -> schemas.Document:
    content_type: Literal["MARKDOWN", "HTML"] = (
        "HTML" if item.content_type == "HTML" else "MARKDOWN"
    )
    return schemas.Document(
        id=str(item.id),
        index=item.position,
        name=item.template_name,
        template_id=str(item.template_id),
        generation_type="TEMPLATE",
        content=item.content,
        content_type=content_type,
    )


def session(view: SessionView, omissions: Omissions | None = None) -> schemas.Session:
    encounter = view.encounter
    return schemas.Session(
        session_id=str(encounter.id),
        patient=_patient(view),
        patient_profile_id=str(view.profile.id) if view.profile else None,
        duration=encounter.duration_seconds or 0,
        language_code=language_code(encounter),
        output_language_code=encounter.output_language_code or language_code(encounter),
        clinician_notes=list(encounter.clinician_notes or []),
        consent_obtained=encounter.consent_obtained,
        linked_sessions_for_context=list(encounter.linked_sessions or []),
        ehr_appointment_id=encounter.ehr_appointment_id,
        ehr_patient_id=encounter.patient_ref,
        consult_note=_consult_note(view, omissions),
        documents=[document(item) for item in view.documents],
        audio=_audio(view),
        created_at=encounter.created_at,
        updated_at=encounter.updated_at or encounter.created_at,
        signed_off_version=view.signed_version,
    )


_CHUNK_STATES: dict[str, Literal["PENDING", "READY", "FAILED"]] = {
    ChunkStatus.AWAITING: "PENDING",
    ChunkStatus.RECEIVED: "PENDING",
    ChunkStatus.TRANSCRIBED: "READY",
    ChunkStatus.FAILED: "FAILED",
    ChunkStatus.MISSING: "FAILED",
}


def _segment(index: int, segment: Segment) -> schemas.TranscriptSegment:
    speaker = segment.speaker.value if segment.speaker else None
    return schemas.TranscriptSegment(
        index=index,
        start=round(segment.start, 2),
        end=round(segment.end, 2),
        text=segment.text,
        speaker=speaker,
    )


def _failure(chunk: RecordingChunk) -> str | None:
    if chunk.status == ChunkStatus.MISSING:
        return "this segment was never sent before the recording was finished"
    return chunk.failure_reason


def live_chunk(item: ChunkProgress) -> schemas.LiveChunk:
    chunk = item.chunk
    source: Literal["USER_UPLOADED", "LIVE"] = (
        "LIVE" if chunk.source == ChunkSource.LIVE else "USER_UPLOADED"
    )
    return schemas.LiveChunk(
        id=str(chunk.id),
        index=chunk.position,
        status=_CHUNK_STATES[chunk.status],
        duration=round(chunk.duration_seconds or 0.0, 2),
        text=transcript_text([segment for _, segment in item.segments]),
        source=source,
        failure_reason=_failure(chunk),
        segments=[_segment(index, segment) for index, segment in item.segments],
    )


def transcript(encounter: Encounter, found: TranscriptProgress) -> schemas.Transcript:
    return schemas.Transcript(
        session_id=str(encounter.id),
        transcript=found.text,
        language_code=language_code(encounter),
        status=found.state(encounter),
    )


def live_transcript(encounter: Encounter, found: TranscriptProgress) -> schemas.LiveTranscript:
    return schemas.LiveTranscript(
        session_id=str(encounter.id),
        transcript=found.text,
        status=found.state(encounter),
        active_source=audio_source([item.chunk for item in found.chunks]),
        chunks=[live_chunk(item) for item in found.chunks],
    )


def context_document(document: ContextDocumentRow) -> schemas.ContextDocument:
    status: Literal["PARSING", "READY", "FAILED"] = (
        "READY"
        if document.status == "READY"
        else "FAILED"
        if document.status == "FAILED"
        else "PARSING"
    )
    return schemas.ContextDocument(
        id=str(document.id),
        filename=document.filename,
        uploaded_at=document.uploaded_at,
        status=status,
        unstructured=document.unstructured,
        content_type=document.content_type,
        size=document.size_bytes,
        text_chars=len(document.text),
        failure_reason=document.failure_reason,
    )
