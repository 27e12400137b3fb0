"""Heidi API v2 wire shapes, with the vendor's own field names. Requests refuse unknown
fields so a typo is a 400, not a silently ignored change."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Source = Literal["USER_UPLOADED", "LIVE", "BACKUP"]
ChunkState = Literal["PENDING", "READY", "FAILED"]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class JwtResponse(BaseModel):
    token: str
    expiration_time: datetime


class ClientCredentials(_Request):
    """``POST /jwt`` (a Murmur extension): client credentials from ``murmur admin
    create-client`` instead of an API key and an EHR user."""

    client_id: str = Field(min_length=1, max_length=100, description="the clientId, pbc_...")
    client_secret: str = Field(min_length=1, max_length=200, description="the client's secret")


class ClientJwtResponse(JwtResponse):
    email: str
    """The clinician the credentials act as (Heidi's ``Jwt`` allows further fields)."""


class PatientProfileFields(_Request):
    first_name: str | None = Field(default=None, max_length=200)
    last_name: str | None = Field(default=None, max_length=200)
    date_of_birth: date | None = None
    gender: str | None = Field(default=None, max_length=50)
    ehr_patient_id: str | None = Field(default=None, max_length=200)
    provider: str | None = Field(default=None, max_length=320)


class PatientProfile(BaseModel):
    id: str
    first_name: str | None
    last_name: str | None
    date_of_birth: date | None
    gender: str | None
    ehr_patient_id: str | None
    provider: str | None
    created_at: datetime
    updated_at: datetime


class PatientProfileList(BaseModel):
    data: list[PatientProfile]


class BatchDeleteRequest(_Request):
    patient_profile_ids: list[str] = Field(max_length=500)


class BatchDeleteResponse(BaseModel):
    deleted: int


class LinkSessionRequest(_Request):
    session_id: str = Field(max_length=100)


class SessionCreate(_Request):
    patient_profile_id: str | None = Field(default=None, max_length=100)
    ehr_appointment_id: str | None = Field(default=None, max_length=200)
    ehr_patient_id: str | None = Field(default=None, max_length=200)


class SessionCreated(BaseModel):
    session_id: str


class SessionUpdate(_Request):
    duration: int | None = Field(default=None, ge=0, le=7 * 24 * 3600)
    language_code: str | None = Field(default=None, max_length=20)
    output_language_code: str | None = Field(default=None, max_length=20)
    patient: dict[str, Any] | None = None
    clinician_notes: list[str] | None = Field(default=None, max_length=200)
    ehr_appointment_id: str | None = Field(default=None, max_length=200)
    ehr_patient_id: str | None = Field(default=None, max_length=200)
    consent_obtained: bool | None = None
    linked_sessions_for_context: list[str] | None = Field(default=None, max_length=100)


class Document(BaseModel):
    id: str
    index: int
    name: str
    template_id: str
    generation_type: str
    content: str
    content_type: Literal["MARKDOWN", "HTML"]


class Session(BaseModel):
    session_id: str
    patient: dict[str, Any]
    patient_profile_id: str | None
    duration: int
    language_code: str
    output_language_code: str
    clinician_notes: list[str]
    consent_obtained: bool
    linked_sessions_for_context: list[str]
    ehr_appointment_id: str | None
    ehr_patient_id: str | None
    consult_note: dict[str, Any]
    documents: list[Document]
    audio: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    signed_off_version: int = Field(
        default=0,
        description="Murmur extension: the consult note's latest signed-off version, 0 if unsigned",
    )


class SessionList(BaseModel):
    count: int
    total_count: int
    has_next: bool
    has_previous: bool
    page: int
    page_size: int
    data: list[Session]


class RecordingStarted(BaseModel):
    recording_id: str


class SegmentReceived(BaseModel):
    recording_id: str
    index: int
    size: int
    sha256: str


class RecordingFinished(BaseModel):
    recording_id: str
    status: Literal["FINISHED"] = "FINISHED"


class AudioStored(BaseModel):
    session_id: str
    size: int
    sha256: str


class Transcript(BaseModel):
    session_id: str
    transcript: str
    language_code: str
    status: str


class TranscriptSegment(BaseModel):
    index: int
    start: float
    end: float
    text: str
    speaker: Literal["CLINICIAN", "PATIENT"] | None = None


class LiveChunk(BaseModel):
    id: str
    index: int
    status: ChunkState
    duration: float
    text: str
    source: Source
    failure_reason: str | None = None
    segments: list[TranscriptSegment]


class LiveTranscript(BaseModel):
    session_id: str
    transcript: str
    status: str
    active_source: Source | None = None
    chunks: list[LiveChunk]


class ContextDocument(BaseModel):
    id: str
    filename: str
    uploaded_at: datetime
    status: Literal["PARSING", "READY", "FAILED"]
    unstructured: bool
    content_type: str
    size: int
    text_chars: int
    failure_reason: str | None = None


class ContextDocumentList(BaseModel):
    data: list[ContextDocument]
