"""Nolan's settings, read from the environment.

NOLAN_MODE chooses the defaults:
- ``demo`` (the default): safe on localhost. SQLite under ./var, a generated secret key kept in
  ./var/secret_key and audit key in ./var/audit_key, e-mail to the local SMTP port or the console,
  plain HTTP on 127.0.0.1.
- ``production``: nothing is assumed. SECRET_KEY, NOLAN_AUDIT_KEY, DATABASE_URL, ALLOWED_HOSTS and
  NOLAN_SITE_URL must be set, cookies are secure and HTTPS is enforced; ``nolan check --deploy`` passes.
- ``test``: like demo, with fast password hashing; the test runner sets it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF

PACKAGE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

MODE = env.str("NOLAN_MODE", default="demo")
if MODE not in {"demo", "production", "test"}:
    raise environ.ImproperlyConfigured(f"NOLAN_MODE must be demo, production or test, not {MODE!r}")
PRODUCTION = MODE == "production"

VAR_DIR = Path(env.str("NOLAN_VAR_DIR", default=str(Path.cwd() / "var")))


def _demo_key(name: str) -> str:
    """A key generated once and kept in VAR_DIR, readable by its owner only. Written under another
    name and linked into place, so a web server and a worker starting together read the same key."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / name
    if not key_file.exists():
        draft = VAR_DIR / f".{name}.{os.getpid()}"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return key_file.read_text().strip()


if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    DATABASES = {"default": env.db_url("DATABASE_URL")}
    # The audit trail's key is kept out of the database (see nolan.audit.chain).
    NOLAN_AUDIT_KEY = env.str("NOLAN_AUDIT_KEY")
    if len(NOLAN_AUDIT_KEY) < 32 or NOLAN_AUDIT_KEY == SECRET_KEY:
        raise environ.ImproperlyConfigured(
            "NOLAN_AUDIT_KEY must be at least 32 characters and not the same as SECRET_KEY "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
else:
    SECRET_KEY = env.str("SECRET_KEY", default="") or _demo_key("secret_key")
    NOLAN_AUDIT_KEY = env.str("NOLAN_AUDIT_KEY", default="") or _demo_key("audit_key")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
    DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'nolan.sqlite3'}")}

# The address Nolan is served at, scheme and host only: every link in an e-mail is built on it
# (nolan.core.links), as an e-mail is read outside Nolan. The demo serves on it (scripts/run-demo.sh);
# ``nolan check --deploy`` wants https, and a host in ALLOWED_HOSTS (nolan.core.checks).
if PRODUCTION:
    NOLAN_SITE_URL = env.str("NOLAN_SITE_URL", default="")
    if not NOLAN_SITE_URL:
        raise environ.ImproperlyConfigured(
            "Set NOLAN_SITE_URL to the address Nolan is served at, e.g. https://nolan.example.gov.uk: "
            "the links in Nolan's e-mails are built on it"
        )
else:
    NOLAN_SITE_URL = env.str("NOLAN_SITE_URL", default="http://127.0.0.1:8000")

DEBUG = env.bool("DEBUG", default=False)

_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db.setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
elif _db["ENGINE"].startswith("django.db.backends.postgresql"):
    _db["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    _db["CONN_HEALTH_CHECKS"] = True
_db["ATOMIC_REQUESTS"] = False

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # nolan.web comes before allauth so that its GOV.UK templates override allauth's.
    "nolan.web",
    "nolan.govuk",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "huey.contrib.djhuey",
    "csp",
    "nolan.core",
    "nolan.protocols",
    "nolan.calendar",
    "nolan.accounts",
    "nolan.audit",
    "nolan.directory",
    "nolan.casework",
    "nolan.register",
    "nolan.mail",
    "nolan.api",
    "nolan.demo",
    "nolan.enquiries",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "nolan.web.middleware.no_store",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "nolan.web.middleware.RequireSecondFactorMiddleware",
]

ROOT_URLCONF = "nolan.config.urls"
WSGI_APPLICATION = "nolan.config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nolan.web.context_processors.frame",
            ],
        },
    }
]
FORM_RENDERER = "nolan.govuk.forms.GovukFormRenderer"
CSRF_FAILURE_VIEW = "nolan.web.views.csrf_failure"

# allauth's backend alone checks passwords (it is Django's ModelBackend underneath, permissions
# included): a password is only ever taken through allauth's sign-in, which asks for the second factor.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if MODE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it; demo serves from the finders
MEDIA_ROOT = VAR_DIR / "media"
# An attachment too large is refused before it is written to disk (nolan.casework.attachments); other
# uploads go on to Django's own handlers.
FILE_UPLOAD_HANDLERS = [
    "nolan.casework.attachments.UploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# One cache for every server process and the worker: allauth counts failed sign-ins and remembers the
# authenticator codes already used in it, so a cache per process would let each process count apart
# (nolan check --deploy refuses one: nolan.accounts.checks). The database cache by default, its table
# made by the accounts app's migrations; CACHE_URL chooses another, e.g. redis://cache.internal:6379/1.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "nolan_cache",
        # Room for every throttle count: a full table evicts the oldest third, counts included.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
if env.str("CACHE_URL", default=""):
    CACHES = {"default": env.cache_url("CACHE_URL")}

# Sign-in ------------------------------------------------------------------------------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "nolan.accounts.adapters.AccountAdapter"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
# A password reset asked for an address with no account sends nothing, as the reset page says; allauth
# would otherwise e-mail it an invitation to sign up, which Nolan does not allow, on a link built from
# whatever host the request named rather than the site's address.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Throttling: allauth counts failures per account and per address in the cache.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/key,20/5m/ip",
    "login": "30/m/ip",
    "reset_password": "5/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "signup": "0/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("NOLAN_TOTP_ISSUER", default="Nolan")
MFA_FORMS = {"activate_totp": "nolan.accounts.forms.ActivateAuthenticatorForm"}
SOCIALACCOUNT_ADAPTER = "nolan.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_PROVIDERS: dict = {}
if env.str("NOLAN_OIDC_CLIENT_ID", default=""):
    # Council single sign-on, for example Microsoft Entra ID:
    # NOLAN_OIDC_SERVER_URL=https://login.microsoftonline.com/<tenant>/v2.0
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": env.str("NOLAN_OIDC_PROVIDER_ID", default="council"),
                "name": env.str("NOLAN_OIDC_NAME", default="council account"),
                "client_id": env.str("NOLAN_OIDC_CLIENT_ID"),
                "secret": env.str("NOLAN_OIDC_CLIENT_SECRET", default=""),
                "settings": {"server_url": env.str("NOLAN_OIDC_SERVER_URL")},
            }
        ],
    }

# Content-Security-Policy: scripts, styles, fonts and images only from Nolan's own static files (and
# the data: images of the authenticator QR code and the stylesheets), no inline script or style, no
# eval. A missed escape then cannot run. Forms post only to Nolan, and to the council's single sign-on,
# where signing in with it redirects after a form (browsers apply form-action to that redirect).
_FORM_ACTIONS = [SELF]
if env.str("NOLAN_OIDC_SERVER_URL", default=""):
    _sso = urlsplit(env.str("NOLAN_OIDC_SERVER_URL"))
    _FORM_ACTIONS.append(f"{_sso.scheme}://{_sso.netloc}")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": _FORM_ACTIONS,
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("NOLAN_SESSION_SECONDS", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# E-mail: every message is an outbox row (nolan.mail), written in the transaction that causes it and
# sent by the worker with the delivery backend (Django's SMTP backend pointed at the council's relay).
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="nolan.mail.backends.OutboxEmailBackend")
NOLAN_DELIVERY_EMAIL_BACKEND = env.str(
    "NOLAN_DELIVERY_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("EMAIL_PORT", default=1025)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="nolan@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds the worker waits before trying a message the relay refused again, doubled after each
# further failure, at most an hour (nolan.mail.outbox.retry_delay).
NOLAN_EMAIL_RETRY_DELAY = env.int("NOLAN_EMAIL_RETRY_DELAY", default=60)

# Background worker ---------------------------------------------------------------------------------
HUEY = {
    "huey_class": "huey.SqliteHuey",
    "name": "nolan",
    "filename": env.str("NOLAN_HUEY_FILE", default=str(VAR_DIR / "worker.sqlite3")),
    "immediate": env.bool("NOLAN_WORKER_IMMEDIATE", default=False),
    "consumer": {"workers": 2, "worker_type": "thread"},
}
Path(HUEY["filename"]).parent.mkdir(parents=True, exist_ok=True)

# API -----------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # The token first, so that a refused token is answered 401 (with WWW-Authenticate: Token). A session
    # reaches the API only once nolan.web.middleware has checked its second factor.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "nolan.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "nolan.api.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "nolan.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": "600/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Nolan API",
    "DESCRIPTION": (
        "The council's Member/Officer Relations system. Every read is limited to what the caller may see."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "nolan.api.schema.document_errors",
    ],
    # Swagger UI from the drf-spectacular-sidecar package: the docs page works without a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# The audit trail -----------------------------------------------------------------------------------
# Each commit that adds audit events appends the chain's newest MAC to this file (and to the log),
# outside the database: make it append-only for the database's user (chattr +a, or another owner).
NOLAN_AUDIT_HEAD_FILE = env.str("NOLAN_AUDIT_HEAD_FILE", default=str(VAR_DIR / "audit-head.log"))

# The council ---------------------------------------------------------------------------------------
NOLAN_PROTOCOL_PROFILE = env.str("NOLAN_PROTOCOL_PROFILE", default="tower-hamlets")
NOLAN_REQUIRE_STAFF_SECOND_FACTOR = env.bool("NOLAN_REQUIRE_STAFF_SECOND_FACTOR", default=True)
# What the council calls this service, in every page's header.
NOLAN_SERVICE_NAME = env.str("NOLAN_SERVICE_NAME", default="Member/officer relations")
# Whose bank holidays are not working days when the council's own record names no region:
# england-and-wales, scotland or northern-ireland (nolan.calendar.working_days.REGIONS).
NOLAN_BANK_HOLIDAY_REGION = env.str("NOLAN_BANK_HOLIDAY_REGION", default="england-and-wales")
# The largest file a Member may attach to an enquiry, in bytes.
NOLAN_ENQUIRY_ATTACHMENT_MAX_BYTES = env.int("NOLAN_ENQUIRY_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    # The audit trail's head after each commit: a copy outside the database (nolan.audit.head).
    "loggers": {"nolan.audit.head": {"level": "INFO"}},
}
