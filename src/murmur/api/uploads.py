"""Signed-URL uploads served by Murmur itself: the client PUTs the raw audio bytes."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator

from anyio import from_thread, to_thread
from fastapi import APIRouter, Request

from murmur.api.deps import ServicesDep
from murmur.audio.service import UPLOAD_ROUTE, receive_upload
from murmur.errors import PayloadTooLarge

router = APIRouter(tags=["uploads"])


def _blocking_iter(stream: AsyncIterator[bytes]) -> Iterator[bytes]:
    """Pulls the request body from the event loop into the worker thread, piece by piece."""

    async def next_piece() -> bytes | None:
        try:
            return await anext(stream)
        except StopAsyncIteration:
            return None

    while (piece := from_thread.run(next_piece)) is not None:
        if piece:
            yield piece


@router.put(UPLOAD_ROUTE, summary="Upload recording bytes to a signed URL")
async def upload_chunk(
    request: Request, encounter_id: uuid.UUID, position: int, services: ServicesDep
) -> dict[str, object]:
    services.signer.verify(
        method="PUT",
        path=request.url.path,
        expires=request.query_params.get("expires"),
        signature=request.query_params.get("signature"),
    )
    limit = services.settings.max_upload_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(
            f"upload of {declared} bytes exceeds the limit of {limit} bytes; split the recording "
            "into chunks (audioChunkCount) or raise MURMUR_MAX_UPLOAD_BYTES"
        )
    stream = request.stream()
    stored = await to_thread.run_sync(
        lambda: receive_upload(
            services.transactions,
            services.store,
            encounter_id=encounter_id,
            position=position,
            body=_blocking_iter(stream),
            content_type=request.headers.get("content-type"),
            max_bytes=limit,
            max_attempts=services.settings.job_max_attempts,
        )
    )
    return {"success": True, "size": stored.size_bytes, "sha256": stored.sha256}
