"""The lead record: qualification facts from a call's detections, merged across a lead's calls."""

from __future__ import annotations

from analyzer.lead.build import build_lead
from analyzer.lead.merge import merge_lead

__all__ = ["build_lead", "merge_lead"]
