"""Configuration read from the environment (ARCHITECTURE.md, "Configuration")."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import email_config, env_bool, env_int

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7#kq2!vR9mZp4@Lw8&nT1$yB6^cF3*hJ5(dG0)sA-eU+iO=QrXa",
    "ALLOWED_HOSTS": "party.example.org",
    "DATABASE_URL": "postgres://party:secret@db.internal:5432/party",
    "CELERY_BROKER_URL": "redis://redis.internal:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@mail.internal:587?from=party@example.org",
}


def run_manage(*args, env_overrides):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "SESSION_", "CSRF_"))
    }
    env.pop("SECRET_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_outside_debug_fails_loudly():
    env = dict(PRODUCTION)
    env.pop("SECRET_KEY")
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_has_a_development_secret_key():
    result = run_manage("check", env_overrides={"DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_bad_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")


def test_bad_number_names_the_variable(monkeypatch):
    monkeypatch.setenv("SECURE_HSTS_SECONDS", "a year")
    with pytest.raises(ImproperlyConfigured, match="SECURE_HSTS_SECONDS"):
        env_int("SECURE_HSTS_SECONDS", 0)


def test_email_url_variants():
    smtp = email_config("smtp+tls://user:p%40ss@mail.example.org:2525?from=noreply@example.org")
    assert smtp["EMAIL_HOST"] == "mail.example.org"
    assert smtp["EMAIL_PORT"] == 2525
    assert smtp["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert smtp["EMAIL_USE_TLS"] and not smtp["EMAIL_USE_SSL"]
    assert smtp["DEFAULT_FROM_EMAIL"] == "noreply@example.org"
    assert email_config("file:///tmp/mail")["EMAIL_FILE_PATH"] == "/tmp/mail"
    assert email_config("smtps://mail.example.org")["EMAIL_PORT"] == 465
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_config("pigeon://loft")


def test_defaults_are_chinese_and_shanghai(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.AUTH_USER_MODEL == "accounts.User"


def test_uploads_are_not_served_from_the_media_url():
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve("/media/activities/photo.png")


SHOW_PRODUCTION_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "silenced": settings.SILENCED_SYSTEM_CHECKS,
    "debug": settings.DEBUG,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "language_secure": settings.LANGUAGE_COOKIE_SECURE,
    "frame": settings.X_FRAME_OPTIONS,
    "csp": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "csp_middleware": "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE,
    "csrf_middleware": "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE,
}))
"""


def production_settings(**extra) -> dict:
    import json

    result = run_manage(
        "shell", "-c", SHOW_PRODUCTION_SETTINGS, env_overrides={**PRODUCTION, **extra}
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_are_the_hardened_ones_with_no_silenced_check():
    values = production_settings()
    assert values["silenced"] == []
    assert values["debug"] is False
    assert values["ssl_redirect"] and values["hsts"] >= 31536000
    assert values["session_secure"] and values["session_httponly"] and values["csrf_secure"]
    assert values["language_secure"]
    assert values["frame"] == "DENY"
    assert values["csp_middleware"] and values["csrf_middleware"]
    csp = values["csp"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "report-uri" not in csp


def test_csp_reports_go_where_the_operator_says():
    values = production_settings(CSP_REPORT_URI="https://csp.example.org/report")
    assert values["csp"]["report-uri"] == ["https://csp.example.org/report"]
