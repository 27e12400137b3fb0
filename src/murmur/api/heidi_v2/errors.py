"""Heidi's error shape: ``{"detail": {"msg": ..., "type": "SessionNotFoundError"}}``."""

from __future__ import annotations

from typing import Any

# Codes whose Heidi type is not simply the code in CamelCase followed by "Error".
_TYPES = {
    "invalid_request": "ValidationError",
    "unauthorized": "AuthenticationError",
    "internal_error": "InternalServerError",
    "http_error": "HTTPError",
}


def heidi_type(code: str) -> str:
    """``session_not_found`` -> ``SessionNotFoundError``."""
    return _TYPES.get(code) or "".join(part.capitalize() for part in code.split("_")) + "Error"


def heidi_error(status: int, code: str, message: str, field: str | None) -> dict[str, Any]:
    detail: dict[str, Any] = {"msg": message, "type": heidi_type(code)}
    if field:
        detail["field"] = field
    return {"detail": detail}
