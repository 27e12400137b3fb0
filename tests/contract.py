"""Validates responses against the vendors' OpenAPI documents, the contracts clients rely on."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# The vendors' documents as shared beside the checkout; a checkout on its own uses the copies
# in tests/specs, which test_specs_are_current keeps identical to the shared ones.
SHARED_SPECS = Path(__file__).resolve().parents[2] / "shared" / "specs"
VENDORED_SPECS = Path(__file__).resolve().parent / "specs"
SPECS = SHARED_SPECS if SHARED_SPECS.is_dir() else VENDORED_SPECS
PLAYBACK_SPEC = SPECS / "playback-v1.openapi.yaml"
HEIDI_SPEC = SPECS / "heidi-v2.openapi.yaml"
_PLAYBACK_URI = "urn:murmur:playback-v1"
_HEIDI_URI = "urn:murmur:heidi-v2"


@cache
def _playback_spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(PLAYBACK_SPEC.read_text())
    # Known defect of the machine-readable spec: POST /notes answers ``oneOf`` two object
    # schemas, and the chunked one (only ``id`` required) also matches every single-file
    # response, so no ``{id, url}`` body could ever satisfy ``oneOf``. The reference text, which
    # wins, shows exactly ``{id, url}``; validating with ``anyOf`` keeps both shapes checked.
    created = loaded["paths"]["/notes"]["post"]["responses"]["200"]["content"]
    schema = created["application/json"]["schema"]
    schema["anyOf"] = schema.pop("oneOf")
    return loaded


@cache
def _heidi_spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(HEIDI_SPEC.read_text())
    return loaded


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def _assert_valid(spec: dict[str, Any], uri: str, pointer: str, body: Any, operation: str) -> None:
    registry: Registry[Any] = Registry().with_resource(
        uri, Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    validator = Draft202012Validator(
        {"$ref": f"{uri}#/{pointer}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, f"{operation} breaks the contract: " + "; ".join(
        f"{list(e.path)}: {e.message}" for e in errors
    )


def assert_playback_response(path: str, method: str, body: Any, status: str = "200") -> None:
    """``path`` is the spec's template, e.g. ``/notes/{id}``."""
    pointer = _pointer(
        "paths", path, method, "responses", status, "content", "application/json", "schema"
    )
    _assert_valid(_playback_spec(), _PLAYBACK_URI, pointer, body, f"{method.upper()} {path}")


def assert_heidi_response(
    path: str,
    method: str,
    body: Any,
    status: str = "200",
    content_type: str = "application/json",
) -> None:
    """``path`` is the Heidi spec's template without the mount prefix, e.g.
    ``/sessions/{session_id}``; for NDJSON streams pass each parsed line and
    ``content_type="application/x-ndjson"``."""
    spec = _heidi_spec()
    operation = spec["paths"][path][method]
    assert status in operation["responses"], f"{method.upper()} {path} never answers {status}"
    pointer = _pointer(
        "paths", path, method, "responses", status, "content", content_type, "schema"
    )
    _assert_valid(spec, _HEIDI_URI, pointer, body, f"{method.upper()} {path}")
