"""The vendored copies of the API specifications match the shared ones they were taken from."""

from __future__ import annotations

import pytest

from tests.contract import SHARED_SPECS, VENDORED_SPECS


@pytest.mark.parametrize("name", ["playback-v1.openapi.yaml", "heidi-v2.openapi.yaml"])
def test_specs_are_current(name: str) -> None:
    vendored = (VENDORED_SPECS / name).read_bytes()
    shared = SHARED_SPECS / name
    if shared.is_file():
        assert vendored == shared.read_bytes(), f"copy {shared} to {VENDORED_SPECS}"
    else:
        assert vendored.startswith(b"openapi:"), "the vendored copy is an OpenAPI document"
