"""``callgrade serve``: the HTTP API (migrates the database and loads the models on start)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="run the HTTP API")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--workers", type=int, default=None,
                        help="embedded analysis workers (default: CALLGRADE_WORKERS; 0 = none)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from analyzer.settings import get_settings
    from api.app import create_app

    settings = get_settings()
    if args.workers is not None:
        settings = settings.model_copy(update={"workers": args.workers})
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0
