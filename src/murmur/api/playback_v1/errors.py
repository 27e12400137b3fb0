from __future__ import annotations

from typing import Any


def playback_error(status: int, code: str, message: str, field: str | None) -> dict[str, Any]:
    """Playback's reference leaves error bodies open; ours keep its ``success`` flag."""
    body: dict[str, Any] = {"success": False, "error": code, "message": message}
    if field:
        body["field"] = field
    return body
