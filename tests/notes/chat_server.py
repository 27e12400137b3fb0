"""A real HTTP server speaking OpenAI's streamed ``/v1/chat/completions`` (server-sent events),
scripted by each test: it records every request and answers as the test's handler says."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ENDPOINT = "/v1/chat/completions"


@dataclass(frozen=True)
class Reply:
    pieces: tuple[str, ...] = ()
    status: int = 200
    error_body: str = ""
    raw_lines: tuple[str, ...] = ()
    """Sent after the pieces, verbatim (for malformed streams)."""
    done: bool = True
    delay_seconds: float = 0.0
    """Before every piece: a slow server."""


def text_reply(text: str, *, delay_seconds: float = 0.0) -> Reply:
    """The text cut into word-sized pieces, as a model streams tokens."""
    words = text.split(" ")
    pieces = tuple(w if i == 0 else f" {w}" for i, w in enumerate(words))
    return Reply(pieces=pieces, delay_seconds=delay_seconds)


def _event(piece: str) -> str:
    chunk = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "model": "test-model",
        "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
    }
    return f"data: {json.dumps(chunk)}\n\n"


Handler = Callable[[dict[str, Any]], Reply]


@dataclass
class ChatServer:
    handler: Handler
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    url: str = ""


@contextmanager
def chat_server(handler: Handler) -> Iterator[ChatServer]:
    state = ChatServer(handler)

    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length))
            if self.path != ENDPOINT:
                self.send_error(404)
                return
            state.requests.append(body)
            state.headers.append(dict(self.headers))
            reply = state.handler(body)
            if reply.status != 200:
                payload = reply.error_body.encode()
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                self.wfile.write(b": keep-alive comment\n\n")
                for piece in reply.pieces:
                    time.sleep(reply.delay_seconds)
                    self.wfile.write(_event(piece).encode())
                    self.wfile.flush()
                for line in reply.raw_lines:
                    self.wfile.write(f"{line}\n\n".encode())
                if reply.done:
                    self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)
            self.close_connection = True

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
