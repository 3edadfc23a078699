"""``callgrade db upgrade``: applies the storage migrations to ``CALLGRADE_DATABASE_URL``."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help="database schema")
    sub = parser.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = sub.add_parser("upgrade", help="apply the migrations (create or update the schema)")
    upgrade.add_argument("--revision", default="head", help="target revision (default: the newest)")
    upgrade.set_defaults(func=run_upgrade)


def run_upgrade(args: argparse.Namespace) -> int:
    from analyzer.settings import get_settings
    from api.db.migrate import current_revision, upgrade
    from api.db.session import make_engine

    engine = make_engine(get_settings().database_url)
    try:
        upgrade(engine, args.revision)
        print(f"database at revision {current_revision(engine)}")
    finally:
        engine.dispose()
    return 0
