"""Expiring HMAC-signed URLs for uploads served by Murmur itself (the local stand-in for an
object store's pre-signed URLs)."""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from murmur.errors import Forbidden


@dataclass(frozen=True, slots=True)
class UrlSigner:
    key: bytes

    def _signature(self, method: str, path: str, expires: int) -> str:
        message = f"{method}\n{path}\n{expires}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()

    def sign(
        self, *, method: str, path: str, lifetime_seconds: int, now: float | None = None
    ) -> str:
        """Returns ``path?expires=..&signature=..``; the caller prefixes the public base URL."""
        expires = int((now if now is not None else time.time()) + lifetime_seconds)
        query = urlencode({"expires": expires, "signature": self._signature(method, path, expires)})
        return f"{path}?{query}"

    def verify(
        self,
        *,
        method: str,
        path: str,
        expires: str | None,
        signature: str | None,
        now: float | None = None,
    ) -> None:
        if not expires or not signature or not expires.isdigit():
            raise Forbidden("the upload URL is not signed; request a new one by creating the note")
        expected = self._signature(method, path, int(expires))
        if not hmac.compare_digest(expected, signature):
            raise Forbidden("the upload URL signature does not match; use the URL exactly as given")
        if int(expires) < (now if now is not None else time.time()):
            raise Forbidden("the upload URL has expired; create a new note to get a fresh URL")
