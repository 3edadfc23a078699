"""Speech recognition: call recordings to speaker-labelled ``Transcript``s.

``transcribe(path, settings=...)`` is the entry point; engines (faster-whisper, openai-whisper) sit
behind ``asr.engines.Engine`` and are loaded once per process.
"""

from asr.pipeline import parse_channels, transcribe

__all__ = ["parse_channels", "transcribe"]
