"""Rubric versions: the shipped files in ``settings.rubrics_dir`` plus versions uploaded through the API."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from analyzer.errors import BadRequest, Conflict, UnknownRubric
from analyzer.rubric import available_rubrics, load_rubric, parse_rubric
from analyzer.rubric.loader import resolve_rubric
from analyzer.settings import Settings
from api.rubrics.models import RubricVersion
from api.users.models import User


@dataclass(frozen=True, slots=True)
class RubricRef:
    """One rubric version and where its YAML comes from."""

    id: str
    version: int
    source: str  # "file" | "upload"
    yaml: str


def _file_versions(settings: Settings) -> dict[str, RubricRef]:
    refs = {}
    for rubric_id in available_rubrics(settings):
        path = resolve_rubric(rubric_id, settings=settings)
        ref = _file_ref(path, path.stat().st_mtime_ns)
        refs[ref.id] = ref
    return refs


@lru_cache(maxsize=64)
def _file_ref(path: Path, mtime_ns: int) -> RubricRef:
    """A shipped rubric file, validated once per version of the file (every upload asks for them)."""
    text = path.read_text(encoding="utf-8")
    rubric = parse_rubric(text, source=str(path))
    return RubricRef(rubric.id, rubric.version, "file", text)


def list_versions(session: Session, *, settings: Settings) -> dict[str, list[RubricRef]]:
    """Every known rubric id with its versions, oldest first."""
    out: dict[str, list[RubricRef]] = {}
    for ref in _file_versions(settings).values():
        out.setdefault(ref.id, []).append(ref)
    for row in session.scalars(select(RubricVersion).order_by(RubricVersion.rubric_id, RubricVersion.version)):
        versions = out.setdefault(row.rubric_id, [])
        versions[:] = [v for v in versions if v.version != row.version]
        versions.append(RubricRef(row.rubric_id, row.version, "upload", row.yaml))
    return {k: sorted(v, key=lambda r: r.version) for k, v in sorted(out.items())}


def get_version(session: Session, *, settings: Settings, rubric_id: str | None = None,
                version: int | None = None) -> RubricRef:
    """A rubric version (the newest when ``version`` is None; the settings' rubric when no id is given).

    Raises:
        UnknownRubric: no such rubric id or version (404).
    """
    if rubric_id is None and Path(settings.rubric).suffix.lower() in (".yaml", ".yml"):
        # Only the server's own settings may name a file; a client's rubric is always an id.
        rubric = load_rubric(settings.rubric, settings=settings)
        return RubricRef(rubric.id, rubric.version, "file", Path(settings.rubric).read_text(encoding="utf-8"))
    rubric_id = rubric_id or settings.rubric
    versions = list_versions(session, settings=settings).get(rubric_id)
    if not versions:
        raise UnknownRubric(f"unknown rubric {rubric_id!r}")
    if version is None:
        return versions[-1]
    found = next((v for v in versions if v.version == version), None)
    if found is None:
        known = ", ".join(str(v.version) for v in versions)
        raise UnknownRubric(f"rubric {rubric_id!r} has no version {version} (known: {known})")
    return found


def create_version(session: Session, *, settings: Settings, text: str, user: User) -> RubricRef:
    """Stores a new rubric version after validating it; its version must be above every known one.

    Raises:
        RubricError: invalid YAML or schema, with located problems (422).
        Conflict: the version is not newer than the existing ones (409).
    """
    rubric = parse_rubric(text, source="upload")
    existing = list_versions(session, settings=settings).get(rubric.id, [])
    latest = max((v.version for v in existing), default=0)
    if rubric.version > 2**31 - 1:
        raise BadRequest(f"rubric version {rubric.version} is too large")
    if rubric.version <= latest:
        raise Conflict(f"rubric {rubric.id!r} already has version {latest}; upload version {latest + 1} or later",
                       details={"latest": latest})
    session.add(RubricVersion(rubric_id=rubric.id, version=rubric.version, yaml=text, created_by=user.id))
    session.flush()
    return RubricRef(rubric.id, rubric.version, "upload", text)


def materialize(ref: RubricRef, *, settings: Settings) -> Path:
    """The rubric as a file the analysis pipeline can load (uploaded versions are written once)."""
    path = Path(settings.data_dir) / "rubrics" / f"{ref.id}@{ref.version}.yaml"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")  # workers may write it at the same time
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(ref.yaml)
        os.replace(tmp, path)
    return path
