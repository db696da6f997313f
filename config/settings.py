"""Settings come from the environment only (DESIGN.md section 5)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent
# pytest sets PYTEST_VERSION: tests run without production secrets and with in-process tasks.
TESTING = "PYTEST_VERSION" in os.environ
# `make test` runs the tests in one process per core (pytest -n): each keeps its own var/ (test databases,
# the cache-version files, mail), so one process's cache bumps never reach another's database.
_TEST_PROCESS = os.environ.get("PYTEST_XDIST_WORKER", "") if TESTING else ""
VAR_DIR = Path(
    os.environ.get(
        "HUIWU_VAR_DIR", BASE_DIR / "var" / f"test-{_TEST_PROCESS}" if _TEST_PROCESS else BASE_DIR / "var"
    )
)
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and not TESTING and (VAR_DIR / "secret_key").is_file():
    # The secret `make run` made: so `manage.py ...` works as the README writes it, in a fresh shell.
    SECRET_KEY = (VAR_DIR / "secret_key").read_text().strip()
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-do-not-use-in-production"
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (e.g. `export DJANGO_SECRET_KEY=$(openssl rand -hex 32)`) "
            "or run with DJANGO_DEBUG=1 for development."
        )

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
# Absolute address used in e-mails and on printed QR codes (certificates, tickets).
SITE_URL = os.environ.get("HUIWU_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "organizers",
    "events",
    "agenda",
    "signing",
    "seating",
    "reports",
    "followup",
    "reception",
    "audit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorPolicyMiddleware",
    "audit.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        # Pages and print documents: Jinja2 only (templates/).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "config.jinja2.environment", "autoescape": True},
    },
    {
        # Django's admin ships Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'huiwu.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so two registrations for the last seat
    # are serialised instead of failing with "database is locked" on upgrade. WAL lets readers go on.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        # secure_delete: deleted and overwritten rows are zeroed on disk, so a purge leaves no bytes behind.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;",
    }
    # A file per test process (not :memory:), so threads and the live server share it; several
    # test runs at once on one machine don't trample each other.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_huiwu_{os.getpid()}"}
    # psycopg prepares a statement run five times on a connection, for the cursors that bind on the server:
    # only the hot paths' few fixed statements (events/statements.py `prepared_cursor`). Django's own cursors
    # bind on the client and are never prepared. A pooler in front must run in session mode (docs/deploy.md).
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "login"  # URL names, resolved by Django
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend", "accounts.oidc.Backend"]
# Sign-in with the organisation's identity provider (OpenID Connect; accounts/oidc.py, docs/deploy.md): on
# when OIDC_RP_CLIENT_ID and OIDC_ISSUER (or the endpoints) are set.
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", True)
OIDC_AUTHENTICATE_CLASS = "accounts.oidc.AuthenticationRequestView"
OIDC_CALLBACK_CLASS = "accounts.oidc.CallbackView"
LOGIN_REDIRECT_URL_FAILURE = "/staff/login?sso=failed"
# The button's name for the provider, e.g. "渝快政" (default: "the organisation's account").
HUIWU_OIDC_LABEL = os.environ.get("HUIWU_OIDC_LABEL", "")
# Two factors (accounts/twofactor.py): the name authenticator apps show beside the account.
OTP_TOTP_ISSUER = os.environ.get("HUIWU_OTP_ISSUER", "huiwu")
LOGIN_REDIRECT_URL = "staff"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "中文"), ("en", "English")]
# Our catalogs (English msgids, Chinese in zh_Hans), compiled by `make setup`; `make messages` refreshes them.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
# Source maps (5 MB of them in the API docs' bundles) are only read by developer tools: compressing them
# at quality 11 was most of collectstatic's time, and so of `make run`'s start.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# E-mails carry the manage link (a secret): never into the server's log outside debug. SMTP when a relay is
# configured (DJANGO_EMAIL_HOST), else one file per message under var/mail (`make run`); the console only
# with DJANGO_DEBUG=1. DJANGO_EMAIL_BACKEND overrides all of this.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("DJANGO_EMAIL_HOST")
    else "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = Path(os.environ.get("HUIWU_MAIL_DIR", VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "huiwu <noreply@localhost>")
# SMS (events/notifications.py): a class with send(phone, text); the default prints to the console.
HUIWU_SMS_BACKEND = os.environ.get("HUIWU_SMS_BACKEND", "events.notifications.ConsoleSms")

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "HUIWU_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default"],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and env_bool("DJANGO_SECURE", False):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # "Not Found: /r/<token>" and the like: secrets in paths are redacted before anything is written.
    "filters": {"redact": {"()": "config.redact.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("HUIWU_LOG_LEVEL", "WARNING")},
}

# `manage.py load_demo` runs these in order; each takes the demo edition (events' loader creates it).
# Kept here so that events/ never imports agenda/ or signing/.
HUIWU_DEMO_LOADERS = [
    "events.demo.load",
    "events.units.demo.load",
    "events.checkin.demo.load",
    "agenda.demo.load",
    "signing.demo.load",
    "seating.demo.load",
    "organizers.demo.load_design_week",
    "followup.demo.load",
    "reception.demo.load",
]
# `clone_edition` calls these after copying events' own parts: hook(source=, target=, delta=).
HUIWU_CLONE_HOOKS = ["agenda.cloning.clone_agenda"]

# Public endpoints are rate limited per client address (events/throttles.py); a flood gets 429. The client
# address is the connecting one (REMOTE_ADDR); behind reverse proxies set HUIWU_TRUSTED_PROXIES to how many
# there are, and X-Forwarded-For is read through exactly that many (docs/deploy.md), never further.
# Counters: events/counters.py (the shared cache, or a file every worker on this host shares).
# HUIWU_THROTTLE=0 switches limits off (benchmarks); tests switch them on where they test them.
HUIWU_TRUSTED_PROXIES = int(os.environ.get("HUIWU_TRUSTED_PROXIES", "0") or 0)
_throttle_on = env_bool("HUIWU_THROTTLE", not TESTING)
HUIWU_THROTTLE_RATES = (
    {
        "register": os.environ.get("HUIWU_RATE_REGISTER", "20/m"),
        "manage": os.environ.get("HUIWU_RATE_MANAGE", "60/m"),
        "verify": os.environ.get("HUIWU_RATE_VERIFY", "120/m"),
        "login": os.environ.get("HUIWU_RATE_LOGIN", "10/5m"),
    }
    if _throttle_on
    else {}
)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "huiwu",
    }
}
_cache = os.environ.get("HUIWU_CACHE", "")
if _cache == "db":
    # Shared between web servers (throttles hold across all of them): `manage.py createcachetable` first.
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "huiwu_cache"}
elif _cache.startswith(("redis://", "rediss://", "unix://")):
    # Shared by every web server and worker: rate-limit counters (atomic INCR) and the cached lookups.
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _cache,
        "KEY_PREFIX": "huiwu",
    }
elif _cache:
    raise ImproperlyConfigured(f"HUIWU_CACHE={_cache!r}: use 'db' or a redis:// address (docs/deploy.md).")
# Rate-limit counters (events/counters.py): in the shared cache when there is one; else in one SQLite file on
# this host that every gunicorn worker counts in (atomically), so a limit is the same whichever worker
# answers. Tests in one process keep them in the per-process cache (they clear it between cases).
HUIWU_THROTTLE_FILE = None if (_cache or TESTING) else VAR_DIR / "throttle-counters.sqlite3"
# The versions of cached configuration (events/cache.py) must be one for every worker process: the shared
# cache when there is one, else a file cache on this host (every gunicorn worker reads the same files).
CACHES["versions"] = (
    dict(CACHES["default"], KEY_PREFIX="huiwu-versions")
    if _cache
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache-versions"),
    }
)

# Content-Security-Policy for every page (config/middleware.py): no third-party scripts, no inline script.
HUIWU_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "media-src 'self' blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
