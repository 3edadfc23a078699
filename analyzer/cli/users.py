"""``callgrade users create``: adds an API user and prints only the new key on stdout."""

from __future__ import annotations

import argparse

ROLES = ("admin", "coach", "manager")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("users", help="API users and keys")
    sub = parser.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    create = sub.add_parser("create", help="create a user and print its API key (shown once)")
    create.add_argument("--name", required=True)
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--team", action="append", default=[], help="team name (repeatable; created if new)")
    create.set_defaults(func=run_create)


def run_create(args: argparse.Namespace) -> int:
    from analyzer.settings import get_settings
    from api.db.migrate import upgrade
    from api.db.session import make_engine, make_sessionmaker
    from api.users.service import create_user

    engine = make_engine(get_settings().database_url)
    try:
        upgrade(engine)
        with make_sessionmaker(engine).begin() as session:
            _, key = create_user(session, name=args.name, role=args.role, teams=args.team)
    finally:
        engine.dispose()
    print(key)
    return 0
