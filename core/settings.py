"""Operator settings: environment variables first, then `.streamlit/secrets.toml`, then safe defaults."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from core import crisis

ENV_PREFIX = "REBOUND_"


class SettingsError(ValueError):
    """A setting has a value Rebound cannot use; the message names it."""


class Settings(BaseModel):
    """Everything an operator may change, with defaults that are safe for one person on a laptop."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    data_dir: Path = Path("data")
    allow_registration: bool = True
    captcha: bool = True
    preauthorized_emails: tuple[str, ...] = ()
    cookie_name: str = Field("rebound_session", pattern=r"^[A-Za-z0-9_-]{1,64}$")
    cookie_expiry_days: float = Field(30.0, ge=0, le=365)
    max_login_attempts: int = Field(5, ge=1, le=100)
    # Minutes after the last failed sign-in before the failed attempts stop counting.
    login_cool_down_minutes: int = Field(15, ge=1, le=24 * 60)
    # Failed sign-ins from one client address, whatever the usernames, before it pauses (0: no limit).
    max_login_attempts_per_client: int = Field(30, ge=0, le=100_000)
    # Accounts one client address may create within an hour (0: no limit).
    max_sign_ups_per_client: int = Field(5, ge=0, le=100_000)
    # Proxies whose X-Forwarded-For is believed (addresses or networks, e.g. 127.0.0.1,10.0.0.0/8).
    trusted_proxies: tuple[str, ...] = ()
    crisis_region: str = "international"
    # False: what a page holds and has not saved is kept only while the browser session lasts (in
    # memory), not as a draft in storage.
    keep_drafts: bool = True
    # Signs sign-in cookies. Empty: a random key made once and kept with the data (every server
    # sharing that data then shares it). Set it when servers don't share a data folder.
    cookie_key: str = Field("", repr=False)
    # Encrypt what people write with a key only their password or a recovery code opens. False
    # ("off") keeps new writing in plaintext, for installations that prefer operator recovery.
    encryption: bool = True
    # A postgresql:// URL: every account, setback and draft lives in that database (data_dir is
    # then unused). Empty: files in data_dir. Every server of one installation uses the same URL.
    database_url: str = Field("", repr=False)

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        value = value.strip()
        if value and not value.startswith(("postgresql://", "postgres://")):
            # The value is not repeated: it may hold a password.
            raise ValueError(
                "a database URL starts with postgresql:// (for example postgresql://user:password@host:5432/rebound)"
            )
        return value

    @field_validator("cookie_key")
    @classmethod
    def _strong_key(cls, value: str) -> str:
        if value and len(value) < 43:
            raise ValueError("a cookie key must be at least 43 characters (32 random bytes)")
        return value

    @field_validator("preauthorized_emails", mode="before")
    @classmethod
    def _split_emails(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip().lower() for part in value.split(",") if part.strip())
        return tuple(str(part).strip().lower() for part in value)

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _networks(cls, value: Any) -> Any:
        parts = value.split(",") if isinstance(value, str) else list(value)
        networks = []
        for part in (str(p).strip() for p in parts):
            if part:
                try:
                    networks.append(str(ipaddress.ip_network(part, strict=False)))
                except ValueError:
                    raise ValueError(f"{part!r} is not an IP address or network") from None
        return tuple(networks)

    @field_validator("crisis_region", mode="before")
    @classmethod
    def _known_region(cls, value: Any) -> Any:
        code = crisis.region_code(str(value))
        if code is None:
            raise ValueError(f"choose one of {', '.join(crisis.REGIONS)}")
        return code

    @property
    def crisis_region_chosen(self) -> str | None:
        """The operator's `crisis_region`, or None when it is left at its default (the browser then decides)."""
        return self.crisis_region if "crisis_region" in self.model_fields_set else None

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

    @property
    def storage_location(self) -> str:
        """Which storage these settings point at (one store is opened per location)."""
        if self.database_url:
            return self.database_url
        return f"files:{self.data_dir.resolve()}"

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
