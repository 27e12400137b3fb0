from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from murmur.api.errors import Renderer, renderer_for
from murmur.errors import PayloadTooLarge


class JsonBodyLimit:
    """Refuses oversize bodies on the JSON APIs before reading them (uploads have their own)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int,
        exempt_prefix: str,
        renderers: dict[str, Renderer],
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.exempt_prefix = exempt_prefix
        self.renderers = renderers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith(self.exempt_prefix):
            declared = dict(scope["headers"]).get(b"content-length", b"")
            if declared.isdigit() and int(declared) > self.max_bytes:
                await self._reject(scope["path"], send)
                return
        await self.app(scope, receive, send)

    async def _reject(self, path: str, send: Send) -> None:
        message = f"the request body exceeds the limit of {self.max_bytes} bytes"
        render = renderer_for(path, self.renderers)
        body = json.dumps(render(413, PayloadTooLarge.code, message, None)).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
