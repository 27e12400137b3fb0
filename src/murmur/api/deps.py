"""Dependencies shared by the API surfaces."""

from __future__ import annotations

from typing import Annotated, Protocol

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from murmur.auth.throttle import SignInThrottle
from murmur.auth.tokens import TokenService
from murmur.coding.ports import Coder
from murmur.notes.ports import NoteWriter, TextGenerator
from murmur.settings import Settings
from murmur.storage.local import LocalObjectStore
from murmur.storage.signing import UrlSigner


class Services(Protocol):
    """What the API surfaces use of the parts the composition root builds
    (``murmur.services.Services`` provides it); the surfaces never import that root."""

    settings: Settings
    sessions: sessionmaker[Session]
    store: LocalObjectStore
    signer: UrlSigner
    tokens: TokenService
    sign_ins: SignInThrottle
    note_writer: NoteWriter
    coder: Coder
    answer_model: TextGenerator | None


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def caller_address(request: Request) -> str:
    """The client's address, for counting failed sign-ins. Behind a reverse proxy this is the
    forwarded address only when uvicorn trusts that proxy (``--forwarded-allow-ips``)."""
    return request.client.host if request.client else "unknown"


CallerAddress = Annotated[str, Depends(caller_address)]


def public_base_url(request: Request, services: Services) -> str:
    """Where clients reach Murmur, for the absolute URLs it hands out."""
    configured = services.settings.public_base_url
    return (configured or str(request.base_url)).rstrip("/")
