"""Object storage on a local directory, with write-then-rename so readers never see half a file."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from murmur.errors import InvalidInput, PayloadTooLarge
from murmur.storage.base import StoredObject


class LocalObjectStore:
    def __init__(self, root: Path) -> None:
        self._root = root
        self._root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        path = (self._root / key).resolve()
        if not key or key.startswith("/") or not path.is_relative_to(self._root.resolve()):
            raise InvalidInput(f"invalid object key {key!r}")
        return path

    def put_stream(self, key: str, chunks: Iterable[bytes], *, max_bytes: int) -> StoredObject:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in chunks:
                    size += len(chunk)
                    if size > max_bytes:
                        raise PayloadTooLarge(
                            f"upload exceeds the limit of {max_bytes} bytes; split the "
                            "recording into chunks (audioChunkCount) or raise "
                            "MURMUR_MAX_UPLOAD_BYTES"
                        )
                    digest.update(chunk)
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return StoredObject(key=key, size_bytes=size, sha256=digest.hexdigest())

    def local_path(self, key: str) -> Path:
        return self._path(key)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def _fsync_dir(directory: Path) -> None:
    # The rename is durable only once the directory entry itself reaches the disk.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
