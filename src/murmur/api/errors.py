"""Error rendering: one handler per exception type, each surface's own shape chosen by path."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from murmur.errors import MurmurError, TooManyAttempts

log = logging.getLogger(__name__)

Renderer = Callable[[int, str, str, str | None], dict[str, Any]]


def default_shape(status: int, code: str, message: str, field: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": {"status": status, "code": code, "message": message}}
    if field:
        body["error"]["field"] = field
    return body


def _field_of(location: tuple[Any, ...]) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def describe_validation(error: RequestValidationError) -> tuple[str, str | None]:
    problems = error.errors()
    if any(problem.get("type") == "json_invalid" for problem in problems):
        return "the request body is not valid JSON", "body"
    messages = []
    for problem in problems:
        field = _field_of(tuple(problem.get("loc", ())))
        kind = problem.get("type", "")
        if kind == "extra_forbidden":
            messages.append(f"{field}: unknown field")
        elif kind == "missing":
            messages.append(f"{field}: is required")
        else:
            messages.append(f"{field}: {problem.get('msg', 'is invalid')}")
    first = _field_of(tuple(problems[0].get("loc", ()))) if problems else None
    return "; ".join(messages) or "the request is invalid", first


def renderer_for(path: str, renderers: dict[str, Renderer]) -> Renderer:
    return next((r for prefix, r in renderers.items() if path.startswith(prefix)), default_shape)


def install_error_handlers(app: FastAPI, renderers: dict[str, Renderer]) -> None:
    def render(
        request: Request,
        status: int,
        code: str,
        message: str,
        field: str | None,
        headers: dict[str, str] | None = None,
    ) -> JSONResponse:
        renderer = renderer_for(request.url.path, renderers)
        if status == 401:
            headers = {"WWW-Authenticate": "Bearer"}
        return JSONResponse(
            renderer(status, code, message, field), status_code=status, headers=headers
        )

    @app.exception_handler(MurmurError)
    async def _domain(request: Request, error: MurmurError) -> JSONResponse:
        headers = (
            {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyAttempts) else None
        )
        return render(request, error.status_code, error.code, error.message, error.field, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, error: RequestValidationError) -> JSONResponse:
        message, field = describe_validation(error)
        return render(request, 400, "invalid_request", message, field)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed"}
        return render(
            request,
            error.status_code,
            codes.get(error.status_code, "http_error"),
            str(error.detail),
            None,
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return render(
            request, 500, "internal_error", "an unexpected error occurred; it was logged", None
        )
