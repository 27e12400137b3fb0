"""Tenant-defined templates: checked on the way in, turned into the same ``Template`` the
built-ins are."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from murmur.errors import InvalidInput
from murmur.notes.models import NoteTemplate
from murmur.notes.templates import FactCategory, Template, TemplateKind, TemplateSection

MAX_SECTIONS = 40
MAX_NAME = 200
MAX_INSTRUCTION = 2000
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


def _text(value: Any, *, field: str, limit: int, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidInput(f"{field} must be a non-empty string", field=field)
    if len(value) > limit:
        raise InvalidInput(f"{field} may be at most {limit} characters", field=field)
    return value.strip()


def _categories(value: Any, *, field: str) -> tuple[FactCategory, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InvalidInput(f"{field} must be a list of fact categories", field=field)
    known = {category.value for category in FactCategory}
    unknown = [item for item in value if item not in known]
    if unknown:
        raise InvalidInput(
            f"{field}: {unknown[0]!r} is not a fact category (one of {', '.join(sorted(known))})",
            field=field,
        )
    return tuple(FactCategory(item) for item in value)


def parse_sections(raw: Any) -> tuple[TemplateSection, ...]:
    """``[{key, title, instruction, draws_from?}]`` -> sections, or ``InvalidInput`` naming
    the first problem."""
    if not isinstance(raw, list) or not raw:
        raise InvalidInput("sections must be a non-empty list", field="sections")
    if len(raw) > MAX_SECTIONS:
        raise InvalidInput(f"a template may have at most {MAX_SECTIONS} sections", field="sections")
    sections: list[TemplateSection] = []
    for index, item in enumerate(raw):
        where = f"sections[{index}]"
        if not isinstance(item, Mapping):
            raise InvalidInput(f"{where} must be an object", field=where)
        key = item.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            raise InvalidInput(
                f"{where}.key must be lower_snake_case (a letter, then letters, digits, _)",
                field=f"{where}.key",
            )
        if any(section.key == key for section in sections):
            raise InvalidInput(f"{where}.key {key!r} is used twice", field=f"{where}.key")
        sections.append(
            TemplateSection(
                key=key,
                title=_text(item.get("title"), field=f"{where}.title", limit=MAX_NAME),
                instruction=_text(
                    item.get("instruction"),
                    field=f"{where}.instruction",
                    limit=MAX_INSTRUCTION,
                    required=False,
                ),
                draws_from=_categories(item.get("draws_from"), field=f"{where}.draws_from"),
            )
        )
    return tuple(sections)


def parse_name(raw: Any) -> str:
    return _text(raw, field="name", limit=MAX_NAME)


def parse_kind(raw: Any) -> TemplateKind:
    if raw is None:
        return TemplateKind.CONSULT_NOTE
    try:
        return TemplateKind(raw)
    except ValueError:
        kinds = ", ".join(kind.value for kind in TemplateKind)
        raise InvalidInput(f"kind must be one of {kinds}", field="kind") from None


def sections_to_rows(sections: Sequence[TemplateSection]) -> list[dict[str, Any]]:
    return [
        {
            "key": section.key,
            "title": section.title,
            "instruction": section.instruction,
            "draws_from": [category.value for category in section.draws_from],
        }
        for section in sections
    ]


def template_from_row(row: NoteTemplate) -> Template:
    return Template(
        id=row.id,
        name=row.name,
        kind=TemplateKind(row.kind),
        description=row.description,
        plain_language=row.plain_language,
        tenant_id=row.tenant_id,
        sections=tuple(
            TemplateSection(
                key=str(item["key"]),
                title=str(item["title"]),
                instruction=str(item.get("instruction", "")),
                draws_from=tuple(FactCategory(c) for c in item.get("draws_from", [])),
            )
            for item in row.sections
        ),
    )
