"""callgrade: turns sales-call recordings into transcripts, detections, grades and lead records."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("callgrade")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+src"
