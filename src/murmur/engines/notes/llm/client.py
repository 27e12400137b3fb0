"""A client for any server that speaks OpenAI's streamed ``/v1/chat/completions``.

vLLM, llama.cpp's server, Ollama and hosted services all send server-sent events
(``data: {json}`` lines, ending with ``data: [DONE]``) whose ``choices[0].delta.content`` is
the next piece of text.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx

from murmur.notes.ports import ChatMessage, GenerationFailed

CHAT_PATH = "/v1/chat/completions"
_MESSAGE_LIMIT = 300


class ChatCompletionError(GenerationFailed):
    """The chat server could not be reached, refused, timed out, or sent a broken stream."""


def chat_url(base_url: str) -> str:
    base = base_url.rstrip("/")
    return base.removesuffix("/v1") + CHAT_PATH


def _delta(line: str) -> str | None:
    """The text a ``data:`` line carries; ``None`` for the ``[DONE]`` line."""
    payload = line.removeprefix("data:").strip()
    if payload == "[DONE]":
        return None
    try:
        event: Any = json.loads(payload)
        if "error" in event:
            raise ChatCompletionError(f"the server reported an error: {event['error']}")
        choices = event["choices"]
        if not choices:
            return ""
        content = choices[0].get("delta", {}).get("content")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ChatCompletionError(f"malformed stream event: {payload[:_MESSAGE_LIMIT]!r}") from None
    if content is not None and not isinstance(content, str):
        raise ChatCompletionError(f"malformed stream event: {payload[:_MESSAGE_LIMIT]!r}")
    return content or ""


class ChatClient:
    """Streams one chat completion at a time, each on its own connection (nothing to close);
    every failure is a ``ChatCompletionError``."""

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout_seconds: float = 120.0,
        connect_timeout_seconds: float = 5.0,
        temperature: float = 0.0,
    ) -> None:
        self.url = chat_url(base_url)
        self.model = model
        self.timeout_seconds = timeout_seconds
        self.temperature = temperature
        self._headers = {"Accept": "text/event-stream"}
        if api_key:
            self._headers["Authorization"] = f"Bearer {api_key}"
        self._timeout = httpx.Timeout(timeout_seconds, connect=connect_timeout_seconds)

    def stream(self, messages: list[ChatMessage], *, max_tokens: int = 1024) -> Iterator[str]:
        """Text pieces as the server sends them; the whole answer within ``timeout_seconds``."""
        body = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "stream": True,
            "temperature": self.temperature,
            "max_tokens": max_tokens,
        }
        deadline = time.monotonic() + self.timeout_seconds
        try:
            with (
                httpx.Client(headers=self._headers, timeout=self._timeout) as client,
                client.stream("POST", self.url, json=body) as response,
            ):
                if response.status_code != 200:
                    detail = response.read().decode("utf-8", "replace")[:_MESSAGE_LIMIT]
                    raise ChatCompletionError(
                        f"{self.url} answered {response.status_code}: {detail.strip()}"
                    )
                for line in response.iter_lines():
                    if time.monotonic() > deadline:
                        raise ChatCompletionError(
                            f"{self.url} took longer than {self.timeout_seconds:g} s"
                        )
                    if not line.startswith("data:"):
                        continue  # blank separators, comments, event names
                    piece = _delta(line)
                    if piece is None:
                        return
                    if piece:
                        yield piece
        except httpx.TimeoutException:
            raise ChatCompletionError(
                f"{self.url} did not answer within {self.timeout_seconds:g} s"
            ) from None
        except httpx.HTTPError as error:
            raise ChatCompletionError(f"{self.url} could not be reached: {error}") from None
        raise ChatCompletionError(f"{self.url} ended the stream without [DONE]")

    def complete(self, messages: list[ChatMessage], *, max_tokens: int = 1024) -> str:
        return "".join(self.stream(messages, max_tokens=max_tokens))
