"""End-to-end figures for the Playback flow against a real ``murmur serve`` process.

    .venv/bin/python benchmarks/pipeline_benchmark.py

Starts ``murmur serve`` on embedded defaults in a fresh data dir (SQLite, local disk,
in-process workers, the bundled whisper-base model), then as a Playback client: authorize,
create a note, PUT the ~3 minute synthetic visit, finish, and poll until the note is done.
Prints the time from finish to status success, the server's peak RSS (VmHWM of the serve
process, which includes the loaded speech model), and read throughput of GET /v1/notes/{id}.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fixtures.audio.synthesize import ensure_synthesized  # noqa: E402

BENCH_DIR = REPO / "bench-out"
MURMUR = [sys.executable, "-m", "murmur.cli"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _admin(env: dict[str, str], *args: str) -> dict[str, str]:
    out = subprocess.run(
        [*MURMUR, "admin", *args], env=env, check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, str] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--audio", type=Path, help="recording to send (default: 3-minute visit)")
    parser.add_argument("--reads", type=int, default=300, help="GET requests for the read figure")
    parser.add_argument("--runs", type=int, default=3, help="visits processed one after another")
    args = parser.parse_args()
    audio = args.audio or ensure_synthesized("hypertension_followup_3min", BENCH_DIR / "audio")

    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **os.environ,
            "MURMUR_DATA_DIR": data_dir,
            "MURMUR_MODEL_CACHE_DIR": str(BENCH_DIR / "models"),
        }
        tenant = _admin(env, "create-tenant", "--name", "Benchmark")["tenantId"]
        credentials = _admin(
            env, "create-client", "--tenant", tenant, "--email", "dr@bench.example"
        )
        port = _free_port()
        server = subprocess.Popen(
            [*MURMUR, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            started = time.monotonic()
            while True:
                try:
                    if httpx.get(f"{base}/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            startup = time.monotonic() - started
            rss_idle = _peak_rss_mb(server.pid)
            runs = [_run_flow(base, credentials, audio, args.reads) for _ in range(args.runs)]
            figures = runs[-1]
            timings = sorted(float(str(run["finish -> success s"])) for run in runs)
            figures["finish -> success s"] = (
                f"median {statistics.median(timings):.1f} (min {timings[0]:.1f}, "
                f"max {timings[-1]:.1f}, {len(timings)} runs)"
            )
            figures = {
                "server start s": round(startup, 2),
                "RSS after start MB": round(rss_idle),
                **figures,
                "peak RSS of murmur serve MB": round(_peak_rss_mb(server.pid)),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\nrecording: {audio.name}\n")
    print("| figure | value |\n|---|---:|")
    for name, value in figures.items():
        print(f"| {name} | {value} |")


def _run_flow(base: str, credentials: dict[str, str], audio: Path, reads: int) -> dict[str, object]:
    with httpx.Client(base_url=f"{base}/v1", timeout=60) as api:
        token = api.post("/authorize", json=credentials).json()["idToken"]
        api.headers["Authorization"] = f"Bearer {token}"
        created = api.post("/notes", json={"patientId": "BENCH-1"}).json()
        upload_started = time.monotonic()
        httpx.put(
            created["url"], content=audio.read_bytes(), headers={"Content-Type": "audio/wav"}
        ).raise_for_status()
        upload = time.monotonic() - upload_started
        finish_started = time.monotonic()
        api.post(f"/notes/{created['id']}/finish").raise_for_status()
        while (note := api.get(f"/notes/{created['id']}").json())["status"] == "pending":
            time.sleep(0.25)
        finish_to_done = time.monotonic() - finish_started
        transcript = api.get(f"/notes/{created['id']}/transcription").json()
        audio_seconds = transcript["object"]["segments"][-1]["end"] if transcript["text"] else 0
        read_started = time.monotonic()
        for _ in range(reads):
            api.get(f"/notes/{created['id']}").raise_for_status()
        read_rate = reads / (time.monotonic() - read_started)
    return {
        "final status": note["status"],
        "audio seconds (last segment end)": audio_seconds,
        "upload s": round(upload, 2),
        "finish -> success s": round(finish_to_done, 1),
        "active ICD-10-CM codes": _active_codes(note["billingCodes"]["icdCodes"]),
        "inactive ICD-10-CM codes (negated, doubtful, history)": _inactive_codes(
            note["billingCodes"]["icdCodes"]
        ),
        "CPT codes": _active_codes(note["billingCodes"]["cptCodes"]),
        "GET /v1/notes/{id} req/s (1 client, sequential)": round(read_rate),
    }


def _active_codes(codes: list[dict[str, object]]) -> str:
    return ", ".join(str(c["code"]) for c in codes if c["active"]) or "-"


def _inactive_codes(codes: list[dict[str, object]]) -> str:
    return ", ".join(str(c["code"]) for c in codes if not c["active"]) or "-"


if __name__ == "__main__":
    main()
