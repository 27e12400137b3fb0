"""Multipart uploads on the Heidi surface: one ``file`` part plus a few text fields."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any, BinaryIO

from fastapi import Request
from starlette.datastructures import UploadFile

from murmur.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType

_BLOCK = 1024 * 1024


def multipart_body(**fields: dict[str, Any]) -> dict[str, Any]:
    """``openapi_extra`` describing a multipart body with a ``file`` part, for handlers that
    read the form themselves (to answer a wrong content type in Heidi's error shape)."""
    properties = {"file": {"type": "string", "format": "binary"}, **fields}
    schema = {"type": "object", "required": ["file"], "properties": properties}
    return {
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": schema}}}
    }


def blocks(file: BinaryIO) -> Iterator[bytes]:
    while block := file.read(_BLOCK):
        yield block


@asynccontextmanager
async def upload_form(
    request: Request, max_bytes: int, *required: str, optional: tuple[str, ...] = ()
) -> AsyncIterator[tuple[UploadFile, dict[str, str]]]:
    """The ``file`` part and the named text fields, or a clear 4xx; parts are spooled to
    temporary files, which are removed when the block ends."""
    media_type = request.headers.get("content-type", "").split(";", maxsplit=1)[0]
    media_type = media_type.strip().lower()
    if media_type != "multipart/form-data":
        raise UnsupportedMediaType(
            f"send multipart/form-data with the file in a part named 'file', not {media_type!r}"
        )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise PayloadTooLarge(f"the upload exceeds the limit of {max_bytes} bytes")
    async with request.form(max_files=1, max_fields=10) as form:
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise InvalidInput(
                "file: is required (a multipart file part named 'file')", field="file"
            )
        values = {}
        for name in (*required, *optional):
            value = form.get(name)
            if isinstance(value, str) and value.strip():
                values[name] = value.strip()
            elif name in required:
                raise InvalidInput(f"{name}: is required", field=name)
        yield file, values
