"""Lead rules as data: the default file, or the one ``settings.lead_rules`` points to."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from analyzer.datafile import load_yaml_model
from analyzer.lead.rules.engine import LeadFacts, Verdict, decide, fixture_facts, holds, matches
from analyzer.lead.rules.schema import RulesFile
from analyzer.settings import Settings

DEFAULT_RULES = Path(__file__).resolve().parent / "default.yaml"

__all__ = ["DEFAULT_RULES", "LeadFacts", "RulesFile", "Verdict", "decide", "fixture_facts", "holds", "load_rules",
           "matches"]


@lru_cache(maxsize=8)
def _load(path: Path) -> RulesFile:
    return load_yaml_model(path, RulesFile)


def load_rules(settings: Settings) -> RulesFile:
    """The lead rules in force; raises ``DataFileError`` with file:line and path when the file is invalid."""
    return _load(Path(settings.lead_rules or DEFAULT_RULES).resolve())
