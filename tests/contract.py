"""Validates responses against the Playback OpenAPI document, the contract clients rely on."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPECS = Path(__file__).resolve().parents[2] / "shared" / "specs"
PLAYBACK_SPEC = SPECS / "playback-v1.openapi.yaml"
_SPEC_URI = "urn:murmur:playback-v1"


@cache
def _spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(PLAYBACK_SPEC.read_text())
    # Known defect of the machine-readable spec: POST /notes answers ``oneOf`` two object
    # schemas, and the chunked one (only ``id`` required) also matches every single-file
    # response, so no ``{id, url}`` body could ever satisfy ``oneOf``. The reference text, which
    # wins, shows exactly ``{id, url}``; validating with ``anyOf`` keeps both shapes checked.
    created = loaded["paths"]["/notes"]["post"]["responses"]["200"]["content"]
    schema = created["application/json"]["schema"]
    schema["anyOf"] = schema.pop("oneOf")
    return loaded


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def assert_playback_response(path: str, method: str, body: Any, status: str = "200") -> None:
    """``path`` is the spec's template, e.g. ``/notes/{id}``."""
    spec = _spec()
    registry: Registry[Any] = Registry().with_resource(
        _SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    pointer = _pointer(
        "paths", path, method, "responses", status, "content", "application/json", "schema"
    )
    validator = Draft202012Validator(
        {"$ref": f"{_SPEC_URI}#/{pointer}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, f"{method.upper()} {path} breaks the contract: " + "; ".join(
        f"{list(e.path)}: {e.message}" for e in errors
    )
