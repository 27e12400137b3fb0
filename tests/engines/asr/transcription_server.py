"""A real HTTP server speaking OpenAI's ``/v1/audio/transcriptions``, scripted by each test.

It parses the multipart body the way a server must (stdlib ``email``, no shortcuts), decodes
the uploaded WAV, records every request, and answers with whatever the test's handler says.
"""

from __future__ import annotations

import io
import json
import threading
import wave
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np
import numpy.typing as npt

ENDPOINT = "/v1/audio/transcriptions"


@dataclass(frozen=True)
class Upload:
    """The ``file`` part of a request, decoded as WAV."""

    filename: str
    content_type: str
    channels: int
    sample_width: int
    sample_rate: int
    samples: npt.NDArray[np.float32]


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    fields: dict[str, list[str]]
    upload: Upload | None

    def field(self, name: str) -> str:
        (value,) = self.fields[name]
        return value


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    delay_seconds: float = 0.0
    hang_up: bool = False
    """Close the connection without answering, as a crashed or restarted server does."""


Handler = Callable[[Received], Reply]


def verbose_json(segments: list[dict[str, Any]], *, duration: float, **extra: Any) -> Reply:
    text = " ".join(str(segment["text"]).strip() for segment in segments)
    return Reply(body={"text": text, "duration": duration, "segments": segments, **extra})


def openai_error(status: int, message: str, **headers: str) -> Reply:
    body = {"error": {"message": message, "type": "invalid_request_error", "code": None}}
    return Reply(status=status, body=body, headers=headers)


class TranscriptionServer:
    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[Received] = []
        self._stopping = threading.Event()
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._request_handler())
        self._http.daemon_threads = True
        # A client that timed out has gone: writing to it fails, and that is expected here.
        self._http.handle_error = lambda request, address: None  # type: ignore[method-assign]
        host, port = self._http.server_address[:2]
        self.url = f"http://{host!s}:{port}"
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)

    def _request_handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                try:
                    received = _parse(self.path, dict(self.headers.items()), body)
                except Exception as error:  # a malformed request is the finding: say so
                    reply = openai_error(400, f"malformed transcription request: {error!r}")
                else:
                    server.requests.append(received)
                    reply = server.handler(received)
                if reply.delay_seconds and server._stopping.wait(reply.delay_seconds):
                    return
                if reply.hang_up:
                    self.close_connection = True
                    self.connection.close()
                    return
                payload = reply.raw if reply.raw is not None else json.dumps(reply.body).encode()
                self.send_response(reply.status)
                content_type = "application/json" if reply.raw is None else "text/plain"
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return RequestHandler


@contextmanager
def transcription_server(handler: Handler) -> Iterator[TranscriptionServer]:
    server = TranscriptionServer(handler)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _parse(path: str, headers: dict[str, str], body: bytes) -> Received:
    lowered = {name.lower(): value for name, value in headers.items()}
    envelope = f"Content-Type: {lowered.get('content-type', '')}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(envelope + body)
    assert isinstance(message, EmailMessage)
    assert message.is_multipart(), "a transcription request is multipart/form-data"
    fields: dict[str, list[str]] = {}
    upload = None
    for part in message.iter_parts():
        assert isinstance(part, EmailMessage)
        name = str(part.get_param("name", header="content-disposition"))
        content = part.get_payload(decode=True)
        assert isinstance(content, bytes)
        if name == "file":
            upload = _upload(part, content)
        else:
            fields.setdefault(name, []).append(content.decode())
    return Received(path=path, headers=lowered, fields=fields, upload=upload)


def _upload(part: EmailMessage, content: bytes) -> Upload:
    with wave.open(io.BytesIO(content)) as wav:
        frames = wav.readframes(wav.getnframes())
        channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
    return Upload(
        filename=part.get_filename() or "",
        content_type=part.get_content_type(),
        channels=channels,
        sample_width=width,
        sample_rate=rate,
        samples=np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768,
    )
