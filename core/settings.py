"""Operator settings: environment variables first, then `.streamlit/secrets.toml`, then safe defaults."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

ENV_PREFIX = "REBOUND_"


class SettingsError(ValueError):
    """A setting has a value Rebound cannot use; the message names it."""


class Settings(BaseModel):
    """Everything an operator may change, with defaults that are safe for one person on a laptop."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    data_dir: Path = Path("data")
    allow_registration: bool = True
    captcha: bool = False
    preauthorized_emails: tuple[str, ...] = ()
    cookie_name: str = Field("rebound_session", pattern=r"^[A-Za-z0-9_-]{1,64}$")
    cookie_expiry_days: float = Field(30.0, ge=0, le=365)
    max_login_attempts: int = Field(5, ge=1, le=100)
    # Minutes after the last failed sign-in before the failed attempts stop counting.
    login_cool_down_minutes: int = Field(15, ge=1, le=24 * 60)
    crisis_region: str = "international"

    @field_validator("preauthorized_emails", mode="before")
    @classmethod
    def _split_emails(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip().lower() for part in value.split(",") if part.strip())
        return tuple(str(part).strip().lower() for part in value)

    @classmethod
    def load(cls, environ: Mapping[str, str], secrets: Mapping[str, Any] | None = None) -> Settings:
        """Merge `secrets` (the `[rebound]` table) with `REBOUND_*` variables, which win."""
        values: dict[str, Any] = dict(secrets or {})
        from_env: set[str] = set()
        for name in cls.model_fields:
            env_value = environ.get(ENV_PREFIX + name.upper())
            if env_value not in (None, ""):
                values[name] = env_value
                from_env.add(name)
        try:
            return cls.model_validate(values)
        except ValidationError as error:
            first = error.errors()[0]
            name = str(first["loc"][0]) if first["loc"] else "?"
            where = (
                f"environment variable {ENV_PREFIX}{name.upper()}"
                if name in from_env
                else "[rebound] in .streamlit/secrets.toml"
            )
            raise SettingsError(
                f"The setting {name} ({where}) has a value Rebound can't use: {first['msg']}."
            ) from error

    def may_register(self, email: str) -> bool:
        """Whether someone with this email may create an account (invitations ignore case)."""
        if not self.allow_registration:
            return False
        return not self.preauthorized_emails or email.strip().lower() in self.preauthorized_emails

    @property
    def registration_open_to(self) -> str:
        """Who may create an account: "nobody", "listed" or "anyone"."""
        if not self.allow_registration:
            return "nobody"
        return "listed" if self.preauthorized_emails else "anyone"
