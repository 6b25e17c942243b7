"""The one settings module. Everything that differs between a laptop and production comes
from the environment, with a safe local default (see README.md, "Configuration")."""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import email_config, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)
# Django's English technical 404 and traceback pages instead of the project's own (config/errors.py)
DEBUG_TECHNICAL_PAGES = env_bool("DEBUG_TECHNICAL_PAGES", default=False)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "simple_history",
    "csp",  # django-csp: its system checks flag settings in an outdated format
    "config.apps.AxesConfig",  # django-axes, with a translated name
    # project apps, in the order they may import each other (ARCHITECTURE.md)
    "accounts",
    "policies",
    "grid",
    "organizations",
    "reminders",
    "members",
    "activities",
    "residents",
    "assessment",
    "dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "config.errors.ProjectErrorPagesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reminders.context_processors.unread_reminders",
                "residents.context_processors.grid_worker_pages",
            ],
        },
    },
]

if not env_str("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default lives under var/
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # a kept connection is checked before a request uses it, so that a database restarted
        # between two requests costs the next one a reconnection, not a server error
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: wait for a writer instead of failing, since the web server,
    # the worker and beat share one file.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )

# A read replica of the primary (PostgreSQL streaming replication, say): the pages that only
# show figures read from it on GET (config/db_routers.py says which reads and why). In tests
# it mirrors the test database.
if _REPLICA_URL := env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        _REPLICA_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
        test_options={"MIRROR": "default"},
    )
DATABASE_ROUTERS = ["config.db_routers.ReplicaRouter"]
# how long after a write the same browser reads the figure pages from the primary: more
# than the replica's usual lag
DATABASE_REPLICA_LAG_SECONDS = env_int("DATABASE_REPLICA_LAG_SECONDS", 10)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "organizations.backends.PostRoleBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Language and time
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "zh-hans")
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# Static files and uploads
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# E-mail
globals().update(email_config(env_str("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = globals().get("DEFAULT_FROM_EMAIL", "partygrid@localhost")

# Cache: per process by default; REDIS_CACHE_URL shares one between processes. No page reads
# it today (sessions and login lockouts live in the database), so an unreachable cache server
# costs the pages nothing; code that starts using it must tolerate its absence.
_REDIS_CACHE_URL = env_str("REDIS_CACHE_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS_CACHE_URL}
        if _REDIS_CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Security. Production values are the default: DEBUG turns them off for a laptop.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# --- Logins and sessions (README "Security": Logins, Sessions) ---------------------------
# django-axes: 5 failed logins lock the username (from any address) and, separately, the
# address (for any username) for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A password older than this many days must be changed before anything else; 0 turns it off.
PASSWORD_EXPIRY_DAYS = env_int("PASSWORD_EXPIRY_DAYS", 0)
# A session ends after this long without a request, and this long after the login whatever.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12)
# the cookie outlives neither limit
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", SESSION_MAX_HOURS * 3600)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "accounts.middleware.SessionLimitsMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("accounts.middleware.SessionLimitsMiddleware") + 1,
    "accounts.middleware.PasswordExpiryMiddleware",
)
# --- end of logins and sessions ---------------------------------------------------------

# Django REST framework
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["organizations.api.scoping.ScopedFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "config.schema.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Party building in grid management API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # choice sets that share a field name get names of their own in the schema
    "ENUM_NAME_OVERRIDES": {
        "ActivityStatusEnum": "activities.models.ActivityStatus",
        "AttendanceStatusEnum": "activities.models.AttendanceStatus",
        "MemberStatusEnum": "members.models.MemberStatus",
        "ActivityCategoryEnum": "activities.models.ActivityCategory",
        "ResourceCategoryEnum": "activities.models.ResourceCategory",
        "ReportKindEnum": "activities.models.ReportKind",
        "ReportStateEnum": "activities.models.ReportState",
        "NeedStatusEnum": "activities.models.NeedStatus",
        "CoBuildingStatusEnum": "activities.models.CoBuildingStatus",
        "SchemeStateEnum": "assessment.models.SchemeState",
        "LetterStateEnum": "assessment.models.LetterState",
        "AppraisalStateEnum": "assessment.models.AppraisalState",
        "WeakFlagStateEnum": "assessment.models.FlagState",
        "ProblemStateEnum": "residents.models.ProblemState",
        "BookingStateEnum": "residents.models.BookingState",
        "ProblemChannelEnum": "residents.models.ProblemChannel",
        "MobileContactChannelEnum": "members.models.mobile.ContactChannel",
    },
}

# Production settings beyond the Security block above: cookies, the Content Security Policy.
# (README, "Security"; the header is added by csp.middleware.CSPMiddleware.)

# Cookies: the session cookie is out of scripts' reach; the language cookie follows the session
# cookie over HTTPS. The CSRF cookie stays readable: the API documentation page's "Try it out"
# sends its value as X-CSRFToken (HttpOnly on it protects nothing, see Django's CSRF docs).
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content Security Policy (django-csp): scripts, styles, images, fonts and requests come only
# from the site itself (third-party files are vendored under static/vendor/). No inline script,
# no inline style: behaviour lives in static files (static/js/app.js), chart data comes from
# json_script elements. img-src also allows data: because Bootstrap's stylesheet draws its form
# controls (select arrow, check marks, close button, navbar toggler) with data:image/svg+xml.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# where browsers send their reports of blocked content (a collector of the operator's), if any
if _CSP_REPORT_URI := env_str("CSP_REPORT_URI"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [_CSP_REPORT_URI]

# Celery. The embedded default is a filesystem broker under var/, so `make run` needs no server.
_BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_BROKER_DIR / "queue"),
        "data_folder_out": str(_BROKER_DIR / "queue"),
        "processed_folder": str(_BROKER_DIR / "processed"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves the message for the next one
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# workers and beat wait for a broker that went away however long it stays away (Celery's
# default gives up after 100 attempts, some 50 minutes, and the worker exits)
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# A request that hands work to an unreachable broker gives up within a few seconds (the work
# stays recorded in the database and is handed over again when the broker is back).
CELERY_BROKER_TIMEOUT_SECONDS = float(env_str("CELERY_BROKER_TIMEOUT_SECONDS", "2") or 2)
CELERY_BROKER_CONNECTION_TIMEOUT = CELERY_BROKER_TIMEOUT_SECONDS
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # a message taken by a worker that died unacknowledged goes back to the queue after this
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
        # how often a worker looks for such messages (seconds × every Nth look scans)
        "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
        "unacked_restore_throttle": env_int("CELERY_UNACKED_RESTORE_THROTTLE", 10),
        # without them a publish waits forever on a broker that vanished without closing the
        # connection (kombu's advice)
        "socket_connect_timeout": CELERY_BROKER_TIMEOUT_SECONDS,
        "socket_timeout": CELERY_BROKER_TIMEOUT_SECONDS,
    }

# Reminders
REMINDER_SWEEP_PAUSE_SECONDS = float(env_str("REMINDER_SWEEP_PAUSE_SECONDS", "0") or 0)
REMINDER_EMAIL_MAX_ATTEMPTS = env_int("REMINDER_EMAIL_MAX_ATTEMPTS", 5)
# a claim on a reminder e-mail older than this is taken for one whose worker died
REMINDER_EMAIL_CLAIM_TIMEOUT_SECONDS = env_int("REMINDER_EMAIL_CLAIM_TIMEOUT_SECONDS", 600)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Audit: the access log (logins, unmaskings, exports, admin actions) is kept this many days,
# never fewer than 183 (a lower value is warned about and 183 used); exports are logged by
# a middleware.
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 183)
MIDDLEWARE = [
    *MIDDLEWARE,
    "organizations.middleware.ExportLogMiddleware",
    "config.db_routers.PrimaryAfterWriteMiddleware",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"refusal_without_traceback": {"()": "config.log_filters.RefusalWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Django's own default handlers (a console while DEBUG, mail to admins) would
        # print every request error a second time beside the root's console: its records
        # go to the root only.
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"filters": ["refusal_without_traceback"]},
    },
}

# The benchmark (bench/, README "Performance") counts the SQL queries of each request over
# HTTP: a response header, added only when this variable is set. Never set it in production.
BENCH_QUERY_COUNT = env_bool("BENCH_QUERY_COUNT", False)
if BENCH_QUERY_COUNT:
    MIDDLEWARE = ["config.query_count.QueryCountMiddleware", *MIDDLEWARE]
