"""The one settings object. Read once, from the environment (prefix ``TAILOR_``).

Secrets for local use (the Chainlit auth secret and the Fernet key list) are generated into the
data folder on first run; in production they must come from the environment and may not be
placeholders.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from cryptography.fernet import Fernet
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = frozenset(
    {"", "changeme", "change-me", "secret", "placeholder", "xxx", "todo", "test", "dev"}
)
# An auth secret shorter than this can be guessed or brute-forced offline from one login cookie.
MIN_SECRET_CHARS = 32
# A random 32-byte Fernet key has about 30 distinct byte values; a hand-made one (all zeros,
# a counting pattern) has few. Refusing those costs a real key nothing.
MIN_DISTINCT_KEY_BYTES = 17


def _is_loopback_name(host: str) -> bool:
    host = host.strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ConfigurationError(RuntimeError):
    """The configuration cannot be used; the message says what to set."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TAILOR_", extra="ignore")

    environment: Literal["development", "production"] = "development"
    data_dir: Path = Field(default=Path("data"), description="embedded database, secrets, logs")
    host: str = "127.0.0.1"
    port: int = 8000
    # Deliberately not DATABASE_URL: Chainlit silently enables its asyncpg layer when it sees that.
    database_url: SecretStr | None = None
    auth_secret: SecretStr | None = None
    # Comma-separated Fernet keys, newest first (MultiFernet order).
    encryption_keys: SecretStr | None = None
    max_upload_mb: int = 10
    login_max_failures: int = 5
    login_lockout_minutes: int = 15
    # Failures older than this no longer count towards a lockout.
    login_failure_window_minutes: int = 15
    # Comma-separated addresses or networks of the reverse proxies in front of this instance:
    # only their X-Forwarded-For/-Proto headers are believed. Empty: nobody's.
    trusted_proxies: str = ""

    # The instance default model (any OpenAI-compatible server). These read the standard names.
    openai_base_url: str | None = Field(default=None, validation_alias="OPENAI_BASE_URL")
    openai_api_key: SecretStr | None = Field(default=None, validation_alias="OPENAI_API_KEY")
    model_name: str | None = None
    model_timeout_s: float = 120.0
    # The longest timeout a person may set in their model settings: a slow local model on a CPU
    # may need minutes for a long answer, and nothing honest needs an hour.
    model_timeout_max_s: float = 3600.0
    # What one model reply may hold (issue 21): anyone may point their settings at a server they
    # control. A whole tailored resume is under 50 KB and a long job posting about 20 KB.
    model_reply_max_kb: int = Field(default=256, ge=16)  # its text and tool arguments together
    model_tool_argument_max_kb: int = Field(default=128, ge=8)  # one tool call's arguments
    # A streamed reply's pieces (a token each: ~4 characters), and its bytes on the wire, where
    # each piece carries ~200 bytes of JSON around it.
    model_reply_max_events: int = Field(default=40_000, ge=1_000)
    model_reply_max_wire_mb: int = Field(default=16, ge=1)
    # Per-person model URLs may not reach loopback, private or link-local addresses unless this
    # is set (a local model server on the same machine or network); see PLATFORM_NOTES on SSRF.
    # Loopback alone is allowed anyway on an instance only its own machine can reach
    # (``personal_loopback_allowed``).
    allow_private_model_urls: bool = False
    # Job links (issue 19): a person's link is fetched by this server, so like a personal model
    # URL it may reach public addresses only. Comma-separated networks a job link may reach
    # although they are private (an intranet's job board, e.g. 10.20.0.0/16). Empty: none.
    job_link_private_networks: str = ""
    job_link_max_kb: int = Field(default=2048, ge=64)  # a page's size (real ones: 50-800 KB)
    job_link_timeout_s: float = Field(default=15.0, gt=0)  # the whole fetch, redirects included
    # Where the job boards' public feeds are read, by board (greenhouse, lever, ashby,
    # smartrecruiters); an unnamed board uses its public API. For a mirror, or tests.
    job_feed_urls: dict[str, str] = Field(default_factory=dict)

    # Self-service accounts (issue 10). Off by default: accounts only by administrators.
    # "approval": anyone may ask and an admin approves; "open": anyone with a verified email.
    signup: Literal["off", "approval", "open"] = "off"
    # Where people reach this instance, for links in emails (e.g. https://tailor.example.org).
    public_url: str | None = None
    # Email by SMTP; without smtp_host and mail_from the features that need email are hidden.
    smtp_host: str | None = None
    smtp_port: int = 587
    # "starttls" upgrades a plain connection, "ssl" connects with TLS (port 465), "none" is for
    # a relay on the same machine only.
    smtp_tls: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    mail_from: str | None = None

    @field_validator("job_link_private_networks")
    @classmethod
    def _networks(cls, value: str) -> str:
        _networks(value)  # a typo stops the start, not the first person's link
        return value

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @property
    def listens_on_loopback_only(self) -> bool:
        """Only this machine can reach the instance: bound to loopback, with no reverse proxy
        trusted and no public address configured in front of it."""
        if self.trusted_proxies.strip():
            return False
        public_host = urlsplit(self.public_url).hostname if self.public_url else None
        return _is_loopback_name(self.host) and (
            public_host is None or _is_loopback_name(public_host)
        )

    @property
    def personal_loopback_allowed(self) -> bool:
        """May a person's own model settings reach this machine's loopback (``make run`` on a
        laptop with a local model server)? Only when nobody else can reach the instance: there,
        the person already has this machine, so it is no server-side request forgery."""
        return self.allow_private_model_urls or self.listens_on_loopback_only

    def job_link_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        """The private networks a job link may reach (``job_link_private_networks``)."""
        return _networks(self.job_link_private_networks)

    @property
    def mail_enabled(self) -> bool:
        return bool(self.smtp_host and self.mail_from)

    @property
    def signup_enabled(self) -> bool:
        # Sign-up always verifies the address, so it needs email.
        return self.signup != "off" and self.mail_enabled

    @property
    def secrets_file(self) -> Path:
        return self.data_dir / "secrets.json"

    def resolved_auth_secret(self) -> str:
        return self._secret("auth_secret", self.auth_secret, lambda: secrets.token_urlsafe(48))

    def resolved_encryption_keys(self) -> list[str]:
        raw = self._secret(
            "encryption_keys", self.encryption_keys, lambda: Fernet.generate_key().decode()
        )
        keys = [k.strip() for k in raw.split(",") if k.strip()]
        for key in keys:
            try:
                Fernet(key)
            except ValueError as exc:
                raise ConfigurationError(
                    "TAILOR_ENCRYPTION_KEYS must be comma-separated Fernet keys "
                    "(generate one with `tailor generate-key`)."
                ) from exc
            if self.environment == "production" and _guessable_key(key):
                raise ConfigurationError(
                    "TAILOR_ENCRYPTION_KEYS holds a guessable key (not random); generate one "
                    "with `tailor generate-key`."
                )
        return keys

    def check_auth_secret(self, value: str, variable: str = "TAILOR_AUTH_SECRET") -> None:
        """In production, refuse a placeholder or short secret wherever it came from."""
        if self.environment != "production":
            return
        if value.strip().lower() in PLACEHOLDER_SECRETS:
            raise ConfigurationError(f"{variable} is a placeholder; set a real one.")
        if len(value.strip()) < MIN_SECRET_CHARS:
            raise ConfigurationError(
                f"{variable} is shorter than {MIN_SECRET_CHARS} characters; set a random one "
                "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)."
            )

    def _secret(self, name: str, given: SecretStr | None, generate) -> str:
        if given is not None:
            value = given.get_secret_value()
            if self.environment == "production" and value.strip().lower() in PLACEHOLDER_SECRETS:
                raise ConfigurationError(f"TAILOR_{name.upper()} is a placeholder; set a real one.")
            if name == "auth_secret":
                self.check_auth_secret(value)
            return value
        if self.environment == "production":
            raise ConfigurationError(f"TAILOR_{name.upper()} must be set in production.")
        return _local_secret(self.secrets_file, name, generate)

    def describe(self) -> dict[str, object]:
        """The resolved configuration with every secret replaced by whether it is set."""
        shown: dict[str, object] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                shown[name] = "(set)"
            elif value is None:
                shown[name] = None
            else:
                shown[name] = str(value) if isinstance(value, Path) else value
        return shown


def _networks(text: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    networks = []
    for item in text.split(","):
        if not item.strip():
            continue
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError as exc:
            raise ConfigurationError(
                "TAILOR_JOB_LINK_PRIVATE_NETWORKS must be comma-separated addresses or networks "
                f"such as 10.20.0.0/16; '{item.strip()}' is neither."
            ) from exc
    return tuple(networks)


def _guessable_key(key: str) -> bool:
    return len(set(base64.urlsafe_b64decode(key))) < MIN_DISTINCT_KEY_BYTES


def _local_secret(path: Path, name: str, generate) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    stored: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    if name not in stored:
        stored[name] = generate()
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(stored, indent=2))
        os.chmod(tmp, 0o600)
        tmp.replace(path)
    return stored[name]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
