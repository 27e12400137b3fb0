"""Intake context (Playback addContext) as clearly marked Subjective sentences."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from murmur.language.spoken import finish
from murmur.language.statements import Kind, Statement
from murmur.notes.domain import CONTEXT_PREFIX

_KEY_TAGS = {
    "allergies": "allergy",
    "medications": "medication",
    "patienthistory": "history",
    "history": "history",
}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _label(key: str) -> str:
    return _CAMEL.sub(" ", key).replace("_", " ").strip().lower()


def _flatten(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, Mapping):
        parts = (f"{_label(str(k))}: {_flatten(v)}" for k, v in value.items())
        return "; ".join(part for part in parts if not part.endswith(": "))
    if isinstance(value, list | tuple | set):
        return "; ".join(text for text in (_flatten(item) for item in value) if text)
    return str(value)


def context_statements(context: Mapping[str, Any] | None) -> list[Statement]:
    """One sentence per context field; they rest on no transcript segment (empty evidence)."""
    statements: list[Statement] = []
    for key, value in (context or {}).items():
        text = _flatten(value).rstrip(".")
        if not text:
            continue
        tags = {"context"}
        if tag := _KEY_TAGS.get(key.lower()):
            tags.add(tag)
        sentence = finish(f"{CONTEXT_PREFIX}{_label(key)}: {text}")
        statements.append(Statement(Kind.SUBJECTIVE, sentence, (), frozenset(tags)))
    return statements
