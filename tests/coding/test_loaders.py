from __future__ import annotations

from pathlib import Path

import pytest

from murmur.coding import licensed
from murmur.coding.errors import CodeSystemNotLoaded
from murmur.coding.loaders import achi, cpt, opcs, snomed
from murmur.errors import InvalidInput
from murmur.services import Services
from tests.coding.release_files import write_achi, write_cpt, write_opcs, write_rf2_snapshot


def test_an_rf2_snapshot_gives_active_concepts_with_names_synonyms_and_is_a_parents(
    tmp_path: Path,
) -> None:
    release = snomed.read(write_rf2_snapshot(tmp_path))
    concepts = {c.code: c for c in release.concepts}

    assert release.info.name == "SNOMED-CT"
    assert release.info.year == 2025
    assert "12345001" not in concepts  # inactive in the snapshot
    essential = concepts["59621000"]
    assert essential.description == "Essential hypertension (disorder)"
    assert essential.parent == "38341003"
    assert "High blood pressure" in concepts["38341003"].inclusion_terms


def test_a_folder_without_rf2_files_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="sct2_Concept_Snapshot"):
        snomed.read(tmp_path)


def test_opcs_codes_and_titles_load_with_or_without_the_dot(tmp_path: Path) -> None:
    release = opcs.read(write_opcs(tmp_path))
    concepts = {c.code: c for c in release.concepts}

    assert set(concepts) == {"A01", "A01.1", "U20", "U20.1", "U20.2"}
    assert concepts["U20.1"].parent == "U20"
    assert concepts["U20.1"].billable
    assert not concepts["U20"].billable


def test_achi_codes_hang_under_their_blocks(tmp_path: Path) -> None:
    release = achi.read(write_achi(tmp_path))
    concepts = {c.code: c for c in release.concepts}

    assert concepts["55113-00"].parent == "[1942]"
    assert concepts["[1942]"].description == "Ultrasound of heart"
    assert release.info.name == "ACHI-13"


def test_cpt_descriptors_come_from_the_licensees_file(tmp_path: Path) -> None:
    release = cpt.read(write_cpt(tmp_path))

    assert [c.code for c in release.concepts] == ["93306", "99213"]
    assert release.info.year == 2025


def test_a_loaded_release_is_stored_once_per_installation_and_searchable(
    services: Services, tmp_path: Path
) -> None:
    release = snomed.read(write_rf2_snapshot(tmp_path))
    with services.transactions.writing() as session:
        licensed.store(session, release)
        licensed.store(session, release)  # reloading replaces the earlier release
    with services.transactions.writing() as session:
        terminology = licensed.terminology(session, "SNOMED-CT")
        loaded = licensed.loaded(session)

    assert [r.concept_count for r in loaded] == [7]
    assert terminology.search("high blood pressure")[0].code == "38341003"
    assert [c.code for c in terminology.parents("44054006")] == [
        "73211009", "64572001", "404684003", "138875005",
    ]  # fmt: skip


def test_asking_for_a_system_not_loaded_names_the_load_command(services: Services) -> None:
    with services.transactions.writing() as session, pytest.raises(CodeSystemNotLoaded) as error:
        licensed.terminology(session, "OPCS-410")

    assert error.value.status_code == 409
    assert "murmur admin load-codes --system OPCS-410" in error.value.message
