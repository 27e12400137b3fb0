"""Dependencies shared by the API surfaces."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Protocol

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from murmur.auth.throttle import SignInThrottle
from murmur.auth.tokens import TokenService
from murmur.coding.ports import Coder
from murmur.db import Transactions
from murmur.facts.ports import FactExtractor
from murmur.notes.ports import NoteWriter, TextGenerator
from murmur.settings import Settings
from murmur.storage.local import LocalObjectStore
from murmur.storage.signing import UrlSigner


class Services(Protocol):
    """What the API surfaces use of the parts the composition root builds
    (``murmur.services.Services`` provides it); the surfaces never import that root."""

    settings: Settings
    transactions: Transactions
    store: LocalObjectStore
    signer: UrlSigner
    tokens: TokenService
    sign_ins: SignInThrottle
    note_writer: NoteWriter
    coder: Coder
    facts: FactExtractor
    answer_model: TextGenerator | None


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def request_session(services: ServicesDep) -> Iterator[Session]:
    """The request's one transaction: committed when the handler returns, rolled back when it
    raises (FastAPI throws the handler's exception in at the ``yield``)."""
    with services.transactions.writing() as session:
        yield session


# Scope "function" runs the commit as soon as the handler returns, before the response is sent:
# a client that gets 201 can read what it created at once, and a failed commit is answered as
# an error. (The default scope would commit after the response had gone.) Streaming responses
# are sent after the commit, so handlers that stream or wait use ``Transactions`` instead.
SessionDep = Annotated[Session, Depends(request_session, scope="function")]


def caller_address(request: Request) -> str:
    """The client's address, for counting failed sign-ins. Behind a reverse proxy this is the
    forwarded address only when uvicorn trusts that proxy (``--forwarded-allow-ips``)."""
    return request.client.host if request.client else "unknown"


CallerAddress = Annotated[str, Depends(caller_address)]


def public_base_url(request: Request, services: Services) -> str:
    """Where clients reach Murmur, for the absolute URLs it hands out."""
    configured = services.settings.public_base_url
    return (configured or str(request.base_url)).rstrip("/")
