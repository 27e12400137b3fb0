"""Imports every feature's tables so the metadata (and Alembic) sees the whole schema."""

from murmur.audio.models import RecordingChunk
from murmur.coding.models import ClinicalCode
from murmur.encounters.models import Encounter
from murmur.jobs.models import Job
from murmur.notes.models import Note
from murmur.tenancy.models import ApiClient, ApiKey, Provider, Tenant
from murmur.transcripts.models import Transcript, TranscriptSegment

__all__ = [
    "ApiClient",
    "ApiKey",
    "ClinicalCode",
    "Encounter",
    "Job",
    "Note",
    "Provider",
    "RecordingChunk",
    "Tenant",
    "Transcript",
    "TranscriptSegment",
]
