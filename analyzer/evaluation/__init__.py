"""Evaluation against gold labels: the numbers the team measures itself by.

``gold`` defines and validates the gold file format, ``cases`` finds a folder's cases and
their transcripts, ``compare`` scores one analysis against its gold, ``summary`` aggregates
the case results into precision / recall / F1 and accuracies, ``runner`` ties it to the
pipeline and ``render`` prints it for people.
"""

from analyzer.evaluation.cases import EvalCase, find_cases, load_case, load_case_transcript
from analyzer.evaluation.compare import CaseResult, score_case
from analyzer.evaluation.gold import DETECTION_TYPES, RUBRIC_ITEMS, Gold, load_gold
from analyzer.evaluation.runner import evaluate
from analyzer.evaluation.summary import EvalReport, summarize

__all__ = [
    "DETECTION_TYPES", "RUBRIC_ITEMS", "CaseResult", "EvalCase", "EvalReport", "Gold", "evaluate", "find_cases",
    "load_case", "load_case_transcript", "load_gold", "score_case", "summarize",
]
