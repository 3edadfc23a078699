"""``/v1/rubrics``: list, read, and upload a new version (validated; 422 with located errors)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query, status

from analyzer.rubric import parse_rubric
from api.deps import AdminUser, CurrentUser, SessionDep, SettingsDep
from api.errors import ERROR_RESPONSES
from api.rubrics import service
from api.rubrics.schemas import RubricDetail, RubricSummary, RubricVersionRef

router = APIRouter(prefix="/v1/rubrics", tags=["rubrics"], responses={k: ERROR_RESPONSES[k] for k in (401, 403, 404)})


def _detail(ref: service.RubricRef) -> RubricDetail:
    rubric = parse_rubric(ref.yaml, source=f"{ref.id}@{ref.version}")
    return RubricDetail(id=ref.id, version=ref.version, source=ref.source, yaml=ref.yaml,  # type: ignore[arg-type]
                        rubric=rubric.model_dump(mode="json", by_alias=True))


@router.get("", response_model=list[RubricSummary])
def get_rubrics(session: SessionDep, settings: SettingsDep, user: CurrentUser) -> list[RubricSummary]:
    """Every rubric with its versions (shipped files and uploads)."""
    return [RubricSummary(id=rid, latest=refs[-1].version, versions=[
                RubricVersionRef(version=r.version, source=r.source) for r in refs])  # type: ignore[arg-type]
            for rid, refs in service.list_versions(session, settings=settings).items()]


@router.get("/{rubric_id}", response_model=RubricDetail)
def get_rubric(rubric_id: str, session: SessionDep, settings: SettingsDep, user: CurrentUser,
               version: Annotated[int | None, Query(ge=1, description="The newest by default.")] = None
               ) -> RubricDetail:
    """One rubric version: its YAML and the validated structure."""
    return _detail(service.get_version(session, settings=settings, rubric_id=rubric_id, version=version))


@router.post("", status_code=status.HTTP_201_CREATED, response_model=RubricDetail,
             responses={k: ERROR_RESPONSES[k] for k in (409, 422)})
def post_rubric(session: SessionDep, settings: SettingsDep, user: AdminUser,
                text: Annotated[str, Body(media_type="application/yaml",
                                          description="The rubric YAML; its `version` must be new.")]) -> RubricDetail:
    """Uploads a new rubric version; invalid YAML or schema answers 422 with each problem located."""
    return _detail(service.create_version(session, settings=settings, text=text, user=user))
