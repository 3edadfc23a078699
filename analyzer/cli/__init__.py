"""The ``callgrade`` command line: one module per subcommand in this package.

Each module defines ``register(subparsers)`` which adds its parser and sets ``func``;
``func(args)`` returns an exit code. Coded errors print as ``E102: message`` with exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from analyzer import __version__
from analyzer.errors import CallgradeError
from analyzer.runtime import configure_threads
from analyzer.settings import get_settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="callgrade", description="Call analysis for sales teams.")
    parser.add_argument("--version", action="version", version=f"callgrade {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    configure_threads(get_settings().threads)
    try:
        return int(args.func(args) or 0)
    except CallgradeError as e:
        print(f"callgrade: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
