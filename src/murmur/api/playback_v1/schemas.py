"""Wire shapes of the Playback Health Notes API v1, with its exact field names."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StrictInt,
    StrictStr,
    model_serializer,
)

Language = Literal["english", "spanish"]


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid")
    omit_if_none: ClassVar[frozenset[str]] = frozenset()
    """Optional string fields the spec types as plain strings: absent rather than null."""

    @model_serializer(mode="wrap")
    def _omit_nulls(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if not (v is None and k in self.omit_if_none)}


class AuthorizeRequest(Wire):
    clientId: StrictStr = Field(min_length=1, max_length=200)
    secret: StrictStr = Field(min_length=1, max_length=500)


class AuthorizeResponse(Wire):
    idToken: str


class CreateNoteRequest(Wire):
    templateId: uuid.UUID | None = None
    language: Language = "english"
    patientId: StrictStr | None = Field(default=None, max_length=200)
    audioChunkCount: StrictInt | None = None
    addContext: dict[str, Any] | None = None


class Pagination(Wire):
    limit: int
    offset: int
    total: int


class NoteListItem(Wire):
    noteId: uuid.UUID
    titleText: str
    createdAt: str
    email: str
    patientId: str | None = None
    omit_if_none = frozenset({"patientId"})


class NoteList(Wire):
    success: bool = True
    data: list[NoteListItem]
    pagination: Pagination


class BillingCode(Wire):
    code: str
    active: bool
    reason: str | None
    thumbs: str | None
    confidence: float
    description: str
    sourceSentence: list[str]


class BillingCodes(Wire):
    status: str
    cptCodes: list[BillingCode]
    icdCodes: list[BillingCode]


class BillingCodesResponse(BillingCodes):
    success: bool
    message: str | None = None
    omit_if_none = frozenset({"message"})


class ThumbsRequest(Wire):
    """Murmur extension: a clinician's verdict on one billing code ("up", "down" or null)."""

    thumbs: StrictStr | None
    system: Literal["CPT", "ICD-10-CM"] | None = None


class ThumbsResponse(Wire):
    success: bool = True
    code: BillingCode


class TemplateRef(Wire):
    name: str
    id: str


class NoteResponse(Wire):
    id: uuid.UUID
    note: str
    status: Literal["pending", "success", "error"]
    createdAt: str
    template: TemplateRef | None
    noteObject: dict[str, Any] | None
    language: str
    billingCodes: BillingCodes
    patientId: str | None = None
    errorReason: str | None = None
    omit_if_none = frozenset({"patientId", "errorReason"})


class TranscriptSegmentWire(Wire):
    start: float
    end: float
    text: str
    speaker: str | None = None
    omit_if_none = frozenset({"speaker"})


class TranscriptObject(Wire):
    segments: list[TranscriptSegmentWire]


class RecordingChunkWire(Wire):
    index: int
    status: Literal["awaiting", "received", "transcribed", "missing", "failed"]
    offsetSeconds: float | None
    durationSeconds: float | None
    failureReason: str | None = None
    omit_if_none = frozenset({"failureReason"})


class TranscriptionResponse(Wire):
    id: uuid.UUID
    text: str
    object: TranscriptObject
    createdAt: str
    status: str
    language: str
    errorReason: str | None = None
    chunks: list[RecordingChunkWire]
    omit_if_none = frozenset({"errorReason"})


class TranscriptionListItem(Wire):
    id: uuid.UUID
    text: str
    createdAt: str
    noteId: uuid.UUID
    status: str
    language: str


class TranscriptionList(Wire):
    success: bool = True
    data: list[TranscriptionListItem]
    pagination: Pagination


class FinishResponse(Wire):
    success: bool = True
