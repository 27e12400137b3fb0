from __future__ import annotations

from pathlib import Path

from murmur.coding.entities import code_entities
from murmur.coding.loaders import achi, opcs
from murmur.coding.systems.concepts import Terminology
from murmur.engines.coding.offline import OfflineCoder
from tests.coding.release_files import write_achi, write_opcs

NOTE = """## Assessment
Hypertension.

## Plan
Echocardiogram and an EKG today. If the pain returns we will consider an endoscopy.
"""


def _procedure_codes(terminology: Terminology, system: str) -> dict[str, str]:
    coder = OfflineCoder()
    entities = code_entities(
        coder.code_text(note=NOTE, transcript=""),
        system=system,
        note=NOTE,
        transcript="",
        licensed={system: terminology}.__getitem__,
        coder=coder,
    )
    return {e.entity.lower(): e.primary.code for e in entities}


def test_planned_procedures_are_coded_in_opcs(tmp_path: Path) -> None:
    release = opcs.read(write_opcs(tmp_path))
    terminology = Terminology.of(release.info, release.concepts)

    codes = _procedure_codes(terminology, "OPCS-410")

    assert codes["echocardiogram"] in {"U20.1", "U20.2"}
    assert "endoscopy" not in codes  # only considered, if the pain returns


def test_planned_procedures_are_coded_in_achi(tmp_path: Path) -> None:
    release = achi.read(write_achi(tmp_path))
    terminology = Terminology.of(release.info, release.concepts)

    codes = _procedure_codes(terminology, "ACHI-13")

    assert codes["echocardiogram"] == "55113-00"
    assert codes["ekg"] == "11700-00"
