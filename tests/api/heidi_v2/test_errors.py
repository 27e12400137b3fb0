"""Heidi's error shape, for every kind of domain error."""

from __future__ import annotations

import pytest

from murmur import errors
from murmur.api.heidi_v2.errors import heidi_error


@pytest.mark.parametrize(
    ("error", "expected_type"),
    [
        (errors.SessionNotFound("x"), "SessionNotFoundError"),
        (errors.PatientProfileNotFound("x"), "PatientProfileNotFoundError"),
        (errors.NotFound("x"), "NotFoundError"),
        (errors.InvalidInput("x"), "ValidationError"),
        (errors.Unauthenticated("x"), "AuthenticationError"),
        (errors.Conflict("x"), "ConflictError"),
        (errors.UnsupportedMediaType("x"), "UnsupportedMediaTypeError"),
        (errors.PayloadTooLarge("x"), "PayloadTooLargeError"),
        (errors.TranscriptionFailed("x"), "TranscriptionFailedError"),
        (errors.MurmurError("x"), "InternalServerError"),
    ],
)
def test_types(error: errors.MurmurError, expected_type: str) -> None:
    body = heidi_error(error.status_code, error.code, error.message, None)
    assert body == {"detail": {"msg": "x", "type": expected_type}}


def test_field_travels_with_the_detail() -> None:
    body = heidi_error(400, "invalid_request", "index: is required", "index")
    assert body["detail"]["field"] == "index"
