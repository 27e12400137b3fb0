"""Typed domain errors. Each carries its HTTP status; each API surface renders them in its own
error shape, so services never raise HTTP exceptions.

MurmurError
├── InvalidInput (400)        a request value is malformed or out of range
├── Unauthenticated (401)     missing, expired or forged credentials
├── Forbidden (403)           a signed URL that is tampered with or expired
├── NotFound (404)            absent, or belonging to another tenant
│   ├── SessionNotFound          a Heidi session (an encounter)
│   ├── PatientProfileNotFound
│   ├── ContextDocumentNotFound
│   ├── RecordingNotFound        a live segment recording of a session
│   └── TemplateNotFound         neither a built-in nor one of the tenant's templates
├── Conflict (409)            the resource's state does not allow the change
├── PayloadTooLarge (413)     an upload over the configured limit
├── UnsupportedMediaType (415)
├── TranscriptionFailed (422)  the session's audio could not be transcribed
"""

from __future__ import annotations


class MurmurError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(MurmurError):
    status_code = 400
    code = "invalid_request"


class Unauthenticated(MurmurError):
    status_code = 401
    code = "unauthorized"


class Forbidden(MurmurError):
    status_code = 403
    code = "forbidden"


class NotFound(MurmurError):
    status_code = 404
    code = "not_found"


class Conflict(MurmurError):
    status_code = 409
    code = "conflict"


class PayloadTooLarge(MurmurError):
    status_code = 413
    code = "payload_too_large"


class UnsupportedMediaType(MurmurError):
    status_code = 415
    code = "unsupported_media_type"


class SessionNotFound(NotFound):
    code = "session_not_found"


class PatientProfileNotFound(NotFound):
    code = "patient_profile_not_found"


class ContextDocumentNotFound(NotFound):
    code = "context_document_not_found"


class RecordingNotFound(NotFound):
    code = "recording_not_found"


class TemplateNotFound(NotFound):
    code = "template_not_found"


class TranscriptionFailed(MurmurError):
    status_code = 422
    code = "transcription_failed"


class TooManyAttempts(MurmurError):
    status_code = 429
    code = "too_many_requests"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
