"""Reports of one call analysis: terminal text, Markdown and a self-contained HTML page."""

from analyzer.report.html import render_html
from analyzer.report.markdown import render_markdown
from analyzer.report.text import render_text

__all__ = ["render_html", "render_markdown", "render_text"]
