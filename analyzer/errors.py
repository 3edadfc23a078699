"""Coded errors: every failure a user can cause has a stable code and a clear message.

The CLI prints ``code: message``; the API maps each code to one HTTP status through
``http_status`` (one handler, no per-route guessing).
"""

from __future__ import annotations

from typing import Any


class CallgradeError(Exception):
    """Base error with a stable code, a human message and structured details."""

    code = "E000"
    http_status = 500

    def __init__(self, message: str, *, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": self.details}


# --- audio (E1xx) ---------------------------------------------------------------------------
class AudioError(CallgradeError):
    code = "E100"
    http_status = 422


class AudioNotFound(AudioError):
    code = "E101"
    http_status = 404


class AudioDecodeError(AudioError):
    """The file is not audio PyAV can decode, or it is corrupt."""

    code = "E102"


class AudioEmpty(AudioError):
    code = "E103"


class AudioSilent(AudioError):
    code = "E104"


class AudioTooLong(AudioError):
    code = "E105"
    http_status = 413


class AudioChannelsError(AudioError):
    """The channel -> role mapping does not fit the recording."""

    code = "E106"


# --- transcripts (E2xx) ---------------------------------------------------------------------
class TranscriptError(CallgradeError):
    """A transcript file or payload does not follow the contract."""

    code = "E200"
    http_status = 422


# --- models and engines (E3xx) --------------------------------------------------------------
class ModelError(CallgradeError):
    """A model or engine is missing, misconfigured or failed to load."""

    code = "E300"
    http_status = 503


class MissingDependency(ModelError):
    code = "E301"


# --- rules as data (E4xx): rubrics, lexicons, catalogues, gold files ------------------------
class DataFileError(CallgradeError):
    """A data file (rubric, lexicon, catalogue, gold) is invalid; ``details`` lists located errors."""

    code = "E400"
    http_status = 422


class RubricError(DataFileError):
    code = "E401"


class LexiconError(DataFileError):
    code = "E402"


class UnknownRubric(CallgradeError):
    code = "E403"
    http_status = 404


# --- configuration (E5xx) -------------------------------------------------------------------
class ConfigError(CallgradeError):
    code = "E500"
    http_status = 500


# --- API / storage (E6xx) -------------------------------------------------------------------
class NotFound(CallgradeError):
    code = "E601"
    http_status = 404


class Unauthorized(CallgradeError):
    code = "E602"
    http_status = 401


class Forbidden(CallgradeError):
    code = "E603"
    http_status = 403


class BadRequest(CallgradeError):
    code = "E604"
    http_status = 400


class PayloadTooLarge(CallgradeError):
    code = "E605"
    http_status = 413


class UnsupportedMediaType(CallgradeError):
    code = "E606"
    http_status = 415


class Conflict(CallgradeError):
    code = "E607"
    http_status = 409


class InvalidRequest(CallgradeError):
    """A request's parameters or body fail validation; ``details`` lists each located problem."""

    code = "E608"
    http_status = 422


class MethodNotAllowed(CallgradeError):
    code = "E609"
    http_status = 405


class JobInterrupted(CallgradeError):
    """A background job was interrupted (a stop or crash) more often than allowed."""

    code = "E610"
    http_status = 500
