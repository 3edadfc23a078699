"""``callgrade rubric validate FILE`` and ``callgrade rubric show FILE|ID``."""

from __future__ import annotations

import argparse

from analyzer.errors import RubricError
from analyzer.rubric import load_rubric
from analyzer.rubric.describe import describe
from analyzer.settings import get_settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("rubric", help="validate or show a rubric file")
    sub = parser.add_subparsers(dest="rubric_command", required=True, metavar="ACTION")
    validate = sub.add_parser("validate", help="check a rubric file; prints OK or each located error")
    validate.add_argument("file", help="rubric YAML file")
    validate.set_defaults(func=_validate)
    show = sub.add_parser("show", help="list a rubric's items and what each checks")
    show.add_argument("rubric", help="rubric id (from the rubrics directory) or YAML file")
    show.add_argument("--lang", choices=("ru", "en"), default=None, help="language of titles (default: the rubric's first)")
    show.set_defaults(func=_show)


def _validate(args: argparse.Namespace) -> int:
    try:
        rubric = load_rubric(args.file, settings=get_settings())
    except RubricError as e:
        print(e.message)
        return 1
    print(f"OK {rubric.id}@{rubric.version}: {len(rubric.items)} items")
    return 0


def _show(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric, settings=get_settings())
    lang = args.lang if args.lang in rubric.languages else rubric.languages[0]
    total = sum(i.points for i in rubric.items)
    print(f"{rubric.id} v{rubric.version} — {getattr(rubric.title, lang)} "
          f"({', '.join(rubric.languages)}; {len(rubric.items)} items, {total:g} points)")
    for item in rubric.items:
        print(f"\n{item.id}  [{item.points:g} pts, {item.severity}]  {getattr(item.title, lang)}")
        print(f"  pass when: {describe(item.check)}")
        if item.applies_when is not None:
            print(f"  n/a unless: {describe(item.applies_when)}")
    return 0
