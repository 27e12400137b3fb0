"""Dependencies shared by the API surfaces."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from murmur.services import Services


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
