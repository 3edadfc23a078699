"""The FastAPI application: ``create_app(settings)`` wires storage, queue, workers and the ``/v1`` routes."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from functools import partial
from typing import AsyncIterator

from fastapi import FastAPI

from analyzer import __version__
from analyzer.settings import Settings, get_settings
from api import errors
from api.calls.processing import analyze_call
from api.calls.service import ANALYZE
from api.db.migrate import upgrade
from api.limits import BodySizeLimit
from api.preload import preload_models
from api.queue.pool import WorkerPool
from api.routes import ROUTERS
from api.services import Services
from api.webhooks.delivery import deliver
from api.webhooks.service import DELIVER

log = logging.getLogger(__name__)

DESCRIPTION = """Sales-call analysis: upload recordings or transcripts, read graded calls and merged leads,
give managers their own feedback and coaches their review tools.

Authenticate with `Authorization: Bearer <API key>` (keys come from `callgrade users create`).
Every error has the shape `{"error": {"code", "message", "details"}}`."""


def build_pool(services: Services) -> WorkerPool:
    """The embedded worker pool with the handler of every job kind."""
    handlers = {
        ANALYZE: partial(analyze_call, sessions=services.sessions, store=services.store, settings=services.settings),
        DELIVER: partial(deliver, sessions=services.sessions, settings=services.settings),
    }
    return WorkerPool(services.queue, handlers, size=services.settings.workers,
                      poll_s=services.settings.queue_poll_s)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API for ``settings`` (the process settings by default).

    Starting it (the lifespan) migrates the database, loads the models once, requeues jobs a stop
    interrupted and starts ``settings.workers`` embedded workers (0: jobs are left to other workers).
    """
    services = Services.from_settings(settings or get_settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        upgrade(services.engine)
        services.store.root.mkdir(parents=True, exist_ok=True)
        if services.settings.preload_models:
            preload_models(services.settings)
        if services.settings.workers > 0:
            services.queue.requeue_running()
            services.pool = build_pool(services)
            services.pool.start()
        try:
            yield
        finally:
            if services.pool is not None:
                services.pool.stop()
                services.pool = None
            services.engine.dispose()

    app = FastAPI(title="callgrade", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  openapi_url="/v1/openapi.json", docs_url="/v1/docs", redoc_url=None)
    app.state.services = services
    errors.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=int(services.settings.max_upload_mb * 2**20))
    for router in ROUTERS:
        app.include_router(router)
    return app
