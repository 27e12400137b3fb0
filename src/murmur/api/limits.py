from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from murmur.api.errors import Renderer, renderer_for
from murmur.errors import PayloadTooLarge


class JsonBodyLimit:
    """Refuses oversize bodies on the JSON APIs before reading them. Uploads (signed URLs, and
    multipart forms under ``multipart_prefix``) are held to the upload limit by their handlers."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int,
        exempt_prefix: str,
        renderers: dict[str, Renderer],
        multipart_prefix: str | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.exempt_prefix = exempt_prefix
        self.multipart_prefix = multipart_prefix
        self.renderers = renderers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith(self.exempt_prefix):
            headers = dict(scope["headers"])
            if self._is_upload_form(scope["path"], headers.get(b"content-type", b"")):
                await self.app(scope, receive, send)
                return
            declared = headers.get(b"content-length", b"")
            if declared.isdigit() and int(declared) > self.max_bytes:
                await self._reject(scope["path"], send)
                return
        await self.app(scope, receive, send)

    def _is_upload_form(self, path: str, content_type: bytes) -> bool:
        return (
            self.multipart_prefix is not None
            and path.startswith(self.multipart_prefix)
            and content_type.lower().startswith(b"multipart/form-data")
        )

    async def _reject(self, path: str, send: Send) -> None:
        message = f"the request body exceeds the limit of {self.max_bytes} bytes"
        render = renderer_for(path, self.renderers)
        body = json.dumps(render(413, PayloadTooLarge.code, message, None)).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
