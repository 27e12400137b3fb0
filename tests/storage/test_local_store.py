from __future__ import annotations

import threading
from pathlib import Path

import pytest

from murmur.errors import InvalidInput, PayloadTooLarge
from murmur.storage.local import LocalObjectStore


def test_put_is_atomic_and_complete(tmp_path: Path) -> None:
    store = LocalObjectStore(tmp_path)
    stored = store.put_stream("a/b/object", [b"hello ", b"world"], max_bytes=100)
    assert store.local_path("a/b/object").read_bytes() == b"hello world"
    assert stored.size_bytes == 11
    assert [p.name for p in (tmp_path / "a" / "b").iterdir()] == ["object"]


def test_over_limit_keeps_the_previous_version(tmp_path: Path) -> None:
    store = LocalObjectStore(tmp_path)
    store.put_stream("k", [b"original"], max_bytes=100)
    with pytest.raises(PayloadTooLarge):
        store.put_stream("k", [b"x" * 60, b"y" * 60], max_bytes=100)
    assert store.local_path("k").read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["k"]


def test_a_failing_stream_leaves_nothing_half_written(tmp_path: Path) -> None:
    store = LocalObjectStore(tmp_path)

    def broken() -> list[bytes]:
        raise ConnectionResetError("client went away")

    def pieces() -> object:
        yield b"partial"
        broken()

    with pytest.raises(ConnectionResetError):
        store.put_stream("k", pieces(), max_bytes=100)  # type: ignore[arg-type]
    assert not store.exists("k")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("key", ["../escape", "/etc/passwd", "a/../../b", ""])
def test_keys_cannot_escape_the_root(tmp_path: Path, key: str) -> None:
    store = LocalObjectStore(tmp_path / "root")
    with pytest.raises(InvalidInput):
        store.put_stream(key, [b"x"], max_bytes=10)


def test_concurrent_writers_never_mix_bytes(tmp_path: Path) -> None:
    store = LocalObjectStore(tmp_path)
    payloads = [bytes([n]) * 100_000 for n in range(8)]
    threads = [
        threading.Thread(
            target=store.put_stream,
            args=(
                "same",
                [p],
            ),
            kwargs={"max_bytes": 10**6},
        )
        for p in payloads
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.local_path("same").read_bytes() in payloads
