"""Rubrics as data: load a YAML rubric, grade a call's detections and metrics against it.

``load_rubric(name_or_path, settings=...) -> Rubric`` and
``grade(rubric, transcript=..., detections=..., metrics=...) -> RubricResult``.
"""

from analyzer.rubric.checks import registered_kinds
from analyzer.rubric.engine import grade
from analyzer.rubric.loader import available_rubrics, load_rubric, parse_rubric
from analyzer.rubric.schema import Rubric

__all__ = ["Rubric", "available_rubrics", "grade", "load_rubric", "parse_rubric", "registered_kinds"]
