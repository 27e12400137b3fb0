"""Every operation of the Heidi OpenAPI document is served under the Heidi prefix."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from murmur.app import HEIDI_PREFIX, create_app
from murmur.settings import Settings
from tests.contract import HEIDI_SPEC

_PARAM = re.compile(r"\{[^}]+\}")


def test_every_spec_operation_has_a_route(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, in_process_workers=0))
    served = {
        (method, _PARAM.sub("{}", path.removeprefix(HEIDI_PREFIX)))
        for path, operations in app.openapi()["paths"].items()
        if path.startswith(HEIDI_PREFIX)
        for method in operations
    }
    spec = yaml.safe_load(HEIDI_SPEC.read_text())
    wanted = {
        (method, _PARAM.sub("{}", path))
        for path, operations in spec["paths"].items()
        for method in operations
    }
    assert wanted - served == set()
    # The live segment flow Heidi documents beyond the machine-readable file.
    for extra in ("/restful-segment-transcription", ":transcribe", ":finish", "/transcript/live"):
        assert any(path.endswith(extra) for _, path in served), extra
