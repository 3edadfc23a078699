"""Finding and strictly validating rubric files, with every problem located by file, line and path."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from analyzer.datafile import node_line, format_path, located_error, parse_yaml, validate
from analyzer.errors import RubricError, UnknownRubric
from analyzer.rubric.schema import Messages, Rubric, Text
from analyzer.settings import Settings, get_settings

Loc = tuple[Any, ...]


def available_rubrics(settings: Settings) -> list[str]:
    """Ids of the rubrics in ``settings.rubrics_dir``."""
    return sorted(p.stem for p in Path(settings.rubrics_dir).glob("*.yaml"))


def resolve_rubric(name_or_path: str | Path, *, settings: Settings) -> Path:
    """A rubric id from ``settings.rubrics_dir`` or a path to a YAML file -> the file."""
    path = Path(name_or_path)
    if path.suffix.lower() in (".yaml", ".yml") or path.is_file():
        return path
    candidate = Path(settings.rubrics_dir) / f"{name_or_path}.yaml"
    if not candidate.is_file():
        known = ", ".join(available_rubrics(settings)) or "none"
        raise UnknownRubric(f"unknown rubric {str(name_or_path)!r} (known in {settings.rubrics_dir}: {known})")
    return candidate


def load_rubric(name_or_path: str | Path, *, settings: Settings | None = None) -> Rubric:
    """Loads and validates a rubric.

    Args:
        name_or_path: a rubric id (``sales-call``, looked up in ``settings.rubrics_dir``) or a YAML path.
        settings: overrides the process settings.

    Returns:
        The validated rubric (``.id``, ``.version``, ``.items``).

    Raises:
        UnknownRubric: no rubric with that id.
        RubricError: the file is unreadable or invalid; ``details`` lists each located problem.
    """
    path = resolve_rubric(name_or_path, settings=settings or get_settings())
    return parse_rubric(_read(path), source=str(path))


def parse_rubric(text: str, *, source: str) -> Rubric:
    """Validates rubric YAML text named ``source`` (schema first, then cross-field rules)."""
    data, node = parse_yaml(text, source=source, error=RubricError)
    rubric = validate(Rubric, data, node, source=source, error=RubricError)
    problems = [{"file": source, "line": node_line(node, loc), "path": format_path(loc), "message": msg}
                for loc, msg in _semantic_problems(rubric)]
    if problems:
        raise located_error(RubricError, problems)
    return rubric


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise RubricError(f"{path}: cannot read: {e.strerror or e}") from e


def _semantic_problems(rubric: Rubric) -> Iterator[tuple[Loc, str]]:
    """What the schema cannot see alone: duplicate item ids and texts missing a rubric language."""
    seen: dict[str, int] = {}
    for i, item in enumerate(rubric.items):
        if item.id in seen:
            yield ("items", i, "id"), f"duplicate item id {item.id!r} (first at items[{seen[item.id]}])"
        seen.setdefault(item.id, i)
    texts: list[tuple[Loc, Text | Messages | None]] = [(("title",), rubric.title)]
    texts += [(("labels", key), text) for key, text in rubric.labels.items()]
    for i, item in enumerate(rubric.items):
        texts += [(("items", i, "title"), item.title), (("items", i, "tip"), item.tip),
                  (("items", i, "messages", "pass"), item.messages.pass_),
                  (("items", i, "messages", "fail"), item.messages.fail),
                  (("items", i, "messages", "na"), item.messages.na)]
    for loc, text in texts:
        if text is not None:
            for lang in rubric.languages:
                if getattr(text, lang) is None:
                    yield loc + (lang,), f"missing the {lang!r} text (the rubric's languages are {rubric.languages})"
