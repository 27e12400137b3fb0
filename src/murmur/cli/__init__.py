"""The ``murmur`` operator command line. Every command prints JSON on stdout."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import uuid
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy.orm import Session

from murmur.app import create_app
from murmur.cli import codes as coding_cli
from murmur.cli import notes as notes_cli
from murmur.cli.database import in_transaction
from murmur.errors import MurmurError
from murmur.migrations.runner import upgrade_to_head
from murmur.services import build_services
from murmur.settings import Settings
from murmur.tenancy import service as tenancy


def _print(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = Path(args.data_dir)
    return Settings(**overrides)


def _serve(args: argparse.Namespace) -> int:
    settings = _settings(args)
    _print(
        {
            "event": "starting",
            "url": f"http://{args.host}:{args.port}",
            "dataDir": str(settings.data_dir),
        }
    )
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0


def _worker(args: argparse.Namespace) -> int:
    settings = _settings(args)
    upgrade_to_head(settings.resolved_database_url)
    services = build_services(settings)
    count = args.concurrency or max(settings.in_process_workers, 1)
    pool = services.worker_pool(count)
    stopped = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopped.set())
    pool.start()
    _print({"event": "worker started", "workers": count, "pid": os.getpid()})
    stopped.wait()
    pool.stop()
    _print({"event": "worker stopped"})
    return 0


def _admin(args: argparse.Namespace) -> int:
    settings = _settings(args)
    upgrade_to_head(settings.resolved_database_url)
    services = build_services(settings)
    _print(in_transaction(services.transactions, partial(_admin_command, args)))
    return 0


def _admin_command(args: argparse.Namespace, session: Session) -> dict[str, Any]:
    if args.admin_command == "create-tenant":
        tenant = tenancy.create_tenant(session, name=args.name)
        return {"tenantId": str(tenant.id)}
    tenant = tenancy.require_tenant(session, _uuid(args.tenant))
    if args.admin_command == "create-client":
        credential = tenancy.create_client(session, tenant=tenant, email=args.email)
        return {"clientId": credential.public_id, "secret": credential.secret}
    return {"apiKey": tenancy.create_api_key(session, tenant=tenant)}


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise MurmurError(f"--tenant must be a tenant id (a UUID), got {value!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="murmur", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="API plus in-process workers")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--data-dir", help="defaults to $MURMUR_DATA_DIR or ./murmur-data")
    serve.set_defaults(handler=_serve)

    worker = commands.add_parser("worker", help="background workers only")
    worker.add_argument("--data-dir")
    worker.add_argument("--concurrency", type=int, default=0)
    worker.set_defaults(handler=_worker)

    admin = commands.add_parser("admin", help="tenants and credentials")
    admin.add_argument("--data-dir")
    admin_commands = admin.add_subparsers(dest="admin_command", required=True)
    tenant = admin_commands.add_parser("create-tenant")
    tenant.add_argument("--name", required=True)
    client = admin_commands.add_parser("create-client", help="Playback client credentials")
    client.add_argument("--tenant", required=True)
    client.add_argument("--email", required=True, help="the provider these credentials act as")
    key = admin_commands.add_parser("create-api-key", help="Heidi API key")
    key.add_argument("--tenant", required=True)
    admin.set_defaults(handler=_admin)
    notes_cli.register(commands)
    coding_cli.register(commands, admin_commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except MurmurError as error:
        _print({"error": error.message})
        return 1
    return code
