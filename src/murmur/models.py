"""Imports every feature's tables so the metadata (and Alembic) sees the whole schema."""

from murmur.audio.models import RecordingChunk
from murmur.coding.models import ClinicalCode, CodeSystemRelease, LicensedConcept
from murmur.context_documents.models import ContextDocument
from murmur.encounters.models import Encounter
from murmur.jobs.models import Job
from murmur.notes.models import Document, Note, NoteTemplate, ProviderExampleNote
from murmur.patients.models import PatientProfile
from murmur.tenancy.models import ApiClient, ApiKey, Provider, Tenant
from murmur.transcripts.models import Transcript, TranscriptSegment

__all__ = [
    "ApiClient",
    "ApiKey",
    "ClinicalCode",
    "CodeSystemRelease",
    "ContextDocument",
    "Document",
    "Encounter",
    "Job",
    "LicensedConcept",
    "Note",
    "NoteTemplate",
    "PatientProfile",
    "Provider",
    "ProviderExampleNote",
    "RecordingChunk",
    "Tenant",
    "Transcript",
    "TranscriptSegment",
]
