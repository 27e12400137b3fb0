from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from murmur.engines.asr.model_assets import (
    DEFAULT_MODEL_NAME,
    MARKER,
    MODEL_BIN,
    MODEL_BIN_SHA256,
    MODEL_BIN_SIZE,
    SMALL_FILES,
    ModelAssetError,
    ModelSources,
    bundled_sources,
    ensure_default_model,
)


def _leftovers(models_dir: Path) -> list[Path]:
    return list(models_dir.glob(f".{DEFAULT_MODEL_NAME}.tmp-*"))


def _sources_with_part2(part2: Path) -> ModelSources:
    real = bundled_sources()
    return ModelSources(small_files_dir=real.small_files_dir, parts=(real.parts[0], part2))


def test_assembles_and_marks_the_verified_model(tmp_path: Path) -> None:
    model_dir = ensure_default_model(tmp_path)

    assert model_dir == tmp_path / DEFAULT_MODEL_NAME
    assert (model_dir / MODEL_BIN).stat().st_size == MODEL_BIN_SIZE
    for name in SMALL_FILES:
        assert (model_dir / name).stat().st_size > 0
    marker = json.loads((model_dir / MARKER).read_text())
    assert marker == {"sha256": MODEL_BIN_SHA256, "size": MODEL_BIN_SIZE}
    assert _leftovers(tmp_path) == []


def test_second_call_trusts_the_marker_without_reassembling(tmp_path: Path) -> None:
    first = ensure_default_model(tmp_path)
    before = (first / MODEL_BIN).stat()
    nowhere = ModelSources(small_files_dir=tmp_path / "gone", parts=(tmp_path / "gone.part1",))

    second = ensure_default_model(tmp_path, sources=nowhere)

    after = (second / MODEL_BIN).stat()
    assert second == first
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_truncated_part_is_rejected_and_leaves_nothing(tmp_path: Path) -> None:
    truncated = tmp_path / "model.bin.part2"
    with bundled_sources().parts[1].open("rb") as source:
        truncated.write_bytes(source.read(1024 * 1024))
    models_dir = tmp_path / "models"

    with pytest.raises(ModelAssetError, match="expected 145217532 bytes"):
        ensure_default_model(models_dir, sources=_sources_with_part2(truncated))

    assert not (models_dir / DEFAULT_MODEL_NAME).exists()
    assert _leftovers(models_dir) == []


def test_tampered_part_of_the_right_size_is_rejected(tmp_path: Path) -> None:
    tampered = tmp_path / "model.bin.part2"
    data = bytearray(bundled_sources().parts[1].read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(data)
    models_dir = tmp_path / "models"

    with pytest.raises(ModelAssetError, match="corrupt or the wrong version"):
        ensure_default_model(models_dir, sources=_sources_with_part2(tampered))

    assert not (models_dir / DEFAULT_MODEL_NAME).exists()
    assert _leftovers(models_dir) == []


def test_missing_part_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelAssetError, match="is missing"):
        ensure_default_model(tmp_path, sources=_sources_with_part2(tmp_path / "nope"))

    assert not (tmp_path / DEFAULT_MODEL_NAME).exists()


def test_damaged_model_dir_is_rebuilt(tmp_path: Path) -> None:
    model_dir = ensure_default_model(tmp_path)
    with (model_dir / MODEL_BIN).open("r+b") as model:
        model.truncate(1000)

    assert ensure_default_model(tmp_path) == model_dir

    assert (model_dir / MODEL_BIN).stat().st_size == MODEL_BIN_SIZE


def test_stale_staging_dir_of_a_crashed_process_is_cleaned(tmp_path: Path) -> None:
    stale = tmp_path / f".{DEFAULT_MODEL_NAME}.tmp-crashed"
    stale.mkdir()
    (stale / MODEL_BIN).write_bytes(b"half")

    ensure_default_model(tmp_path)

    assert _leftovers(tmp_path) == []


def test_concurrent_callers_get_one_complete_model(tmp_path: Path) -> None:
    results: list[Path] = []
    errors: list[BaseException] = []

    def call() -> None:
        try:
            results.append(ensure_default_model(tmp_path))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=call) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert results == [tmp_path / DEFAULT_MODEL_NAME] * 3
    assert (tmp_path / DEFAULT_MODEL_NAME / MODEL_BIN).stat().st_size == MODEL_BIN_SIZE
    assert _leftovers(tmp_path) == []
