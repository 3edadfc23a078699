"""Strict loading of YAML data files (rubrics, lexicons, rules, gold) with located errors.

Every validation error names the file, the line and the path inside the document, e.g.
``rubrics/my.yaml:14 items[3].check.window: Extra inputs are not permitted``, so a user
editing a data file by hand can fix it without reading code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from analyzer.errors import DataFileError

M = TypeVar("M", bound=BaseModel)


class StrictModel(BaseModel):
    """Base of every data-file schema: unknown keys are errors (typos never pass silently), values immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _compiles(value: str) -> str:
    try:
        re.compile(value)
    except re.error as e:
        raise ValueError(f"invalid regular expression: {e}") from e
    return value


Regex = Annotated[str, AfterValidator(_compiles)]
"""A regular expression that must compile, checked when the data file loads."""


def format_path(loc: tuple[Any, ...]) -> str:
    """``("items", 3, "check")`` -> ``items[3].check``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(root)"


def node_line(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the deepest YAML node reachable along ``loc``."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
            if child is None:  # an unknown key: point at the key itself
                key = next((k for k, _ in node.value if k.value == part), None)
                return key.start_mark.line + 1 if key is not None else line
            node = child
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            continue  # pydantic adds union-member tags to locations: skip what the YAML does not have
        line = node.start_mark.line + 1
    return line


def _yaml_loc(node: yaml.Node | None, loc: tuple[Any, ...], *, missing: bool) -> tuple[Any, ...]:
    """``loc`` without the union-member tags pydantic inserts (``check.detection.present.v1.window`` ->
    ``check.window``): keeps the parts the YAML has, plus the last key when it is a ``missing`` field."""
    kept: list[Any] = []
    for i, part in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
            if child is None:
                if missing and i == len(loc) - 1:
                    kept.append(part)
                continue
            node = child
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            continue
        kept.append(part)
    return tuple(kept)


def parse_yaml(text: str, *, source: str, error: type[DataFileError] = DataFileError) -> tuple[Any, yaml.Node | None]:
    """Parses YAML text into plain data plus its node tree (for line numbers)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as e:  # ValueError: a well-formed but impossible value, e.g. 2026-13-45
        mark = getattr(e, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        raise error(f"{where}: invalid YAML: {getattr(e, 'problem', e)}",
                    details=[{"file": source, "line": mark.line + 1 if mark else None, "path": "", "message": str(e)}]) from e
    return data, node


def validate(model: type[M], data: Any, node: yaml.Node | None, *, source: str,
             error: type[DataFileError] = DataFileError) -> M:
    """Validates parsed data against a pydantic model, raising one error that lists every problem with its line."""
    try:
        return model.model_validate(data)
    except ValidationError as e:
        problems = []
        for err in e.errors():
            loc = _yaml_loc(node, tuple(err["loc"]), missing=err["type"] == "missing")
            problems.append({"file": source, "line": node_line(node, loc), "path": format_path(loc), "message": err["msg"]})
        raise located_error(error, problems) from e


def located_error(error: type[DataFileError], problems: list[dict[str, Any]]) -> DataFileError:
    """One error whose message lists each ``file:line path: message``."""
    lines = [f"{p['file']}:{p['line'] or '?'} {p['path']}: {p['message']}" for p in problems]
    return error("\n".join(lines), details=problems)


def load_yaml_model(path: str | Path, model: type[M], *, error: type[DataFileError] = DataFileError,
                    text: str | None = None) -> M:
    """Reads and validates one YAML data file (or ``text`` named as ``path``)."""
    source = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise error(f"{source}: cannot read: {e.strerror or e}") from e
    data, node = parse_yaml(text, source=source, error=error)
    return validate(model, data, node, source=source, error=error)
