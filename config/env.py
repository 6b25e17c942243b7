"""Small typed readers for the environment: a bad value fails loudly at start-up."""

import os
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def email_config(url: str) -> dict:
    """Django e-mail settings from EMAIL_URL.

    console:// (default), file:///path/to/folder, locmem://, smtp://user:password@host:25,
    smtps://... (implicit TLS), smtp+tls://... (STARTTLS); ?from=address sets the sender.
    """
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    config: dict = {}
    if scheme == "console":
        config["EMAIL_BACKEND"] = "django.core.mail.backends.console.EmailBackend"
    elif scheme == "locmem":
        config["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    elif scheme == "file":
        config["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
        config["EMAIL_FILE_PATH"] = unquote(parsed.path)
    elif scheme in {"smtp", "smtps", "smtp+tls"}:
        config["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
        config["EMAIL_HOST"] = parsed.hostname or "localhost"
        config["EMAIL_PORT"] = parsed.port or {"smtp": 25, "smtps": 465, "smtp+tls": 587}[scheme]
        config["EMAIL_HOST_USER"] = unquote(parsed.username or "")
        config["EMAIL_HOST_PASSWORD"] = unquote(parsed.password or "")
        config["EMAIL_USE_SSL"] = scheme == "smtps"
        config["EMAIL_USE_TLS"] = scheme == "smtp+tls"
    else:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme must be console, file, locmem, smtp, smtps or smtp+tls, got {scheme!r}"
        )
    if "from" in options:
        config["DEFAULT_FROM_EMAIL"] = options["from"]
        config["SERVER_EMAIL"] = options["from"]
    return config
