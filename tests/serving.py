"""Running the real ``murmur`` command line in a child process: admin commands and a
``murmur serve`` on a free port, for the end-to-end tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

MURMUR = [sys.executable, "-m", "murmur.cli"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def murmur_env(tmp_path: Path, model_cache_dir: Path, **settings: str) -> dict[str, str]:
    """The environment of a Murmur installation in ``tmp_path``; ``settings`` are extra
    ``MURMUR_*`` variables (``IN_PROCESS_WORKERS="0"``)."""
    return {
        **os.environ,
        "MURMUR_DATA_DIR": str(tmp_path / "data"),
        "MURMUR_MODEL_CACHE_DIR": str(model_cache_dir),
        **{f"MURMUR_{name}": value for name, value in settings.items()},
    }


def run_json(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Runs ``murmur ARGS`` and returns the JSON it printed last."""
    done = subprocess.run([*MURMUR, *args], env=env, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def start_serve(
    env: dict[str, str], log: Path, *, port: int | None = None, timeout: float = 90
) -> tuple[subprocess.Popen[bytes], str]:
    """Starts ``murmur serve`` (appending its output to ``log``) and waits until it answers."""
    port = port or free_port()
    with log.open("ab") as handle:
        process = subprocess.Popen(
            [*MURMUR, "serve", "--port", str(port)],
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    process.wait(timeout=30)
    pytest.fail(f"murmur serve did not come up:\n{log.read_text()}")


@contextmanager
def serving(env: dict[str, str], log: Path) -> Iterator[str]:
    """``murmur serve`` for the length of the block; yields its base URL."""
    process, base = start_serve(env, log)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
