"""The composition root: ``create_app`` builds every part once from settings."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from murmur import __version__
from murmur.api import deps
from murmur.api.deps import SessionDep
from murmur.api.errors import Renderer, install_error_handlers
from murmur.api.heidi_v2.errors import heidi_error
from murmur.api.heidi_v2.router import router as heidi_router
from murmur.api.limits import JsonBodyLimit
from murmur.api.playback_v1.errors import playback_error
from murmur.api.playback_v1.router import router as playback_router
from murmur.api.uploads import router as uploads_router
from murmur.coding.service import code_systems
from murmur.migrations.runner import upgrade_to_head
from murmur.services import Services, build_services
from murmur.settings import Settings
from murmur.web.router import mount_web

PLAYBACK_PREFIX = "/v1"
HEIDI_PREFIX = "/api/v2/ml-scribe/open-api"


def create_app(settings: Settings | None = None, *, services: Services | None = None) -> FastAPI:
    """Migrates the database and starts ``settings.in_process_workers`` workers on startup."""
    settings = settings or Settings()
    built = services or build_services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        upgrade_to_head(settings.resolved_database_url)
        if settings.in_process_workers > 0:
            # Assemble and verify the model before serving (a bad checksum stops startup), and
            # load it in the background so the first visit does not wait for it.
            engine = built.speech_to_text()
            threading.Thread(target=engine.load, name="asr-preload", daemon=True).start()
            coder = built.pipeline.coder
            threading.Thread(target=coder.load, name="codes-preload", daemon=True).start()
        pool = built.worker_pool(settings.in_process_workers)
        pool.start()
        try:
            yield
        finally:
            pool.stop()

    app = FastAPI(title="Murmur", version=__version__, lifespan=lifespan)
    # The API surfaces see the built parts through their own port (mypy checks it fits here).
    api_services: deps.Services = built
    app.state.services = api_services
    app.include_router(playback_router, prefix=PLAYBACK_PREFIX, tags=["playback-v1"])
    app.include_router(heidi_router, prefix=HEIDI_PREFIX, tags=["heidi-v2"])
    app.include_router(uploads_router)
    mount_web(app)
    renderers: dict[str, Renderer] = {PLAYBACK_PREFIX: playback_error, HEIDI_PREFIX: heidi_error}
    install_error_handlers(app, renderers)
    app.add_middleware(
        JsonBodyLimit,
        max_bytes=settings.max_json_bytes,
        exempt_prefix="/uploads/",
        renderers=renderers,
        multipart_prefix=HEIDI_PREFIX,
    )

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.get("/health", tags=["health"])
    def code_system_health(session: SessionDep) -> dict[str, object]:
        """Liveness plus each code system's edition and year, and which licensed ones are loaded."""
        systems = code_systems(session)
        return {"status": "ok", "version": __version__, "codeSystems": systems}

    return app
