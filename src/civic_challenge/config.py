"""The one settings object: read from CIVIC_* environment variables through get_settings()."""

from functools import lru_cache
from pathlib import Path

from pydantic import AwareDatetime, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"


def _default_database_url() -> str:
    return f"sqlite:///{DATA_DIR / 'civic_challenge.db'}"


class Settings(BaseSettings):
    """Safe development defaults; production overrides through the environment."""

    model_config = SettingsConfigDict(env_prefix="CIVIC_", extra="ignore")

    database_url: str = Field(
        default_factory=_default_database_url,
        description="SQLAlchemy URL: sqlite:///path or postgresql://user@host/db",
    )
    data_dir: Path = Field(default=DATA_DIR, description="Reference data shipped with the app")
    session_idle_minutes: int = Field(
        default=120, ge=1, description="Sign out after this idle time"
    )
    session_absolute_hours: int = Field(default=12, ge=1, description="Sign out after this long")
    demo_mode: bool = Field(default=False, description="Allow the demo accounts to sign in")
    now: AwareDatetime | None = Field(default=None, description="Clock override, for tests")
    boundary_file: Path | None = Field(default=None, description="Optional borough GeoJSON file")
    invite_days: int = Field(default=7, ge=1, description="How long an invite link stays valid")
    public_url: str | None = Field(default=None, description="Base URL for invite links")
    cookie_secure: bool = Field(default=False, description="Mark the session cookie Secure (HTTPS)")
    smtp_host: str | None = Field(default=None, description="Mail server; unset: nothing is sent")
    smtp_port: int = Field(default=587, ge=1, le=65535, description="Mail server port")
    smtp_starttls: bool = Field(default=True, description="Upgrade the connection with STARTTLS")
    smtp_username: str | None = Field(default=None, description="Mail server user, if it asks")
    smtp_password: SecretStr | None = Field(default=None, description="Mail server password")
    smtp_timeout_seconds: float = Field(default=30, gt=0, description="Give up on a slow server")
    mail_from: str = Field(
        default="Civic Challenge <no-reply@localhost>", description="The From: of every message"
    )
    mail_interval_seconds: float = Field(
        default=30, gt=0, description="How often the app's sender looks for queued mail"
    )
    client_address_header: str | None = Field(
        default=None,
        description="Header your reverse proxy sets to the client's address (X-Forwarded-For)",
    )
    reset_minutes: int = Field(default=30, ge=5, description="How long a password reset link works")

    @property
    def sends_mail(self) -> bool:
        """Mail leaves the machine only with a mail server configured, and never in demo mode."""
        return bool(self.smtp_host) and not self.demo_mode


@lru_cache
def get_settings() -> Settings:
    return Settings()
