"""Settings for IOP Finder, read from the environment only.

Development is explicit (`DEBUG=true`, as `make run` and `make test` set it);
anything else is production, which refuses to start without a real secret.
"""

import importlib.util
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from iopfinder.deployment import cache_key_prefix, create_private_sqlite_file
from iopfinder.env import env_bool, env_int, env_list, env_str
from iopfinder.startup_checks import refuse_invalid_fernet_keys, refuse_site_url_without_https, refuse_weak_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("IOPFINDER_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)

# A placeholder that only development may use: production refuses it below.
_DEVELOPMENT_ONLY_KEY = "django-insecure-iopfinder-development-only"
SECRET_KEY = env_str("SECRET_KEY") or (_DEVELOPMENT_ONLY_KEY if DEBUG else "")
if not DEBUG:
    refuse_weak_secret_key(SECRET_KEY)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not DEBUG:
    refuse_site_url_without_https(SITE_URL)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "csp",
    "directory",
    "imports",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    # Before intake, whose staff roles (made after migrate) include the permission to read job runs.
    "operations",
    "intake",
    "api",
    "content",
    "programs",
    "reports",
    "representatives",
]

MIDDLEWARE = [
    # First, so every later log line of a request carries its ID.
    "operations.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, which sends its own precompressed files; public pages only (see the module).
    "iopfinder.compression.PublicGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "api.middleware.PublicApiMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "intake.audit.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "operations.middleware.CacheOutageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iopfinder.urls"
WSGI_APPLICATION = "iopfinder.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "libraries": {"site_style": "iopfinder.site_style"},
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "directory.context_processors.directory_status",
                "intake.context_processors.helpline",
            ],
        },
    },
    {
        # The search page's body only (iopfinder/jinja_environment.py says why); views name it with using="jinja2".
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "iopfinder.jinja_environment.environment",
            "extensions": ["jinja2.ext.i18n"],
            "context_processors": [
                "intake.context_processors.helpline",
                "iopfinder.jinja_environment.render_bindings",
            ],
            "trim_blocks": True,
            "lstrip_blocks": True,
        },
    },
]


def _database_settings() -> dict[str, Any]:
    default_sqlite = f"sqlite:///{VAR_DIR / 'iopfinder.sqlite3'}"
    config: dict[str, Any] = dict(dj_database_url.parse(env_str("DATABASE_URL", default_sqlite)))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        create_private_sqlite_file(Path(config["NAME"]))
        # WAL lets readers go on while an import writes; IMMEDIATE takes the
        # write lock at BEGIN so concurrent writers queue instead of failing.
        config["OPTIONS"] = {
            # secure_delete zeroes deleted rows, so erased coverage requests leave no ciphertext behind in the file.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        # Reconnecting on every request costs a large share of throughput.
        config["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": _database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits, the search-page and API answer caches and the directory version
# must be one for every worker process: set REDIS_URL in production, or each
# gunicorn worker counts a client's requests (and forgets them) on its own.
# Keys carry the deployment's identity (CACHE_KEY_PREFIX, or one made from the database's
# address), so two sites on one Redis never serve each other's answers.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": {
        **(
            {
                # Answers from the database while Redis is down; see operations/cache.py.
                "BACKEND": "operations.cache.ResilientRedisCache",
                "LOCATION": REDIS_URL,
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            }
            if REDIS_URL
            else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        ),
        "KEY_PREFIX": cache_key_prefix(DATABASES["default"], env_str("CACHE_KEY_PREFIX")),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Leaflet's own files, as the django-leaflet package ships them (leaflet/leaflet.js
# and leaflet.css). The package is not an installed app: its admin needs GeoDjango.
# Found without importing it, which would read these settings.
_LEAFLET_SPEC = importlib.util.find_spec("leaflet")
if _LEAFLET_SPEC is None or _LEAFLET_SPEC.origin is None:
    raise ImproperlyConfigured("django-leaflet is missing: pip install -r requirements.txt")
STATICFILES_DIRS = [BASE_DIR / "static", Path(_LEAFLET_SPEC.origin).parent / "static"]
# Production names every static file by its content (site.3f2a9c1b7e04.css) and sends it
# cached for a year, so a returning visitor on a slow phone asks for nothing twice; a
# change gives a new name. That needs `manage.py collectstatic` before serving.
# Development (DEBUG) and the test run serve the files under their own names from the
# app folders, with no collectstatic step: STATIC_MANIFEST=false asks for that too.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "iopfinder.static_storage.ContentNamedStaticStorage"
        if STATIC_MANIFEST
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# The national directory to import when the database has none: SAMHSA's
# official download of the latest edition in the Name1...Service_code_info
# layout. An operator may point it at a local file or a mirror instead.
DIRECTORY_SOURCE = env_str(
    "DIRECTORY_SOURCE",
    "https://www.samhsa.gov/data/sites/default/files/reports/rpt53015/National%20Directory%20SU%202024_Final.xlsx",
)
DIRECTORY_DOWNLOAD_TIMEOUT = env_int("DIRECTORY_DOWNLOAD_TIMEOUT", 30)
DIRECTORY_DOWNLOAD_MAX_BYTES = env_int("DIRECTORY_DOWNLOAD_MAX_BYTES", 100 * 1024 * 1024)

# Street-level geocoding is off unless an operator turns it on; ZIP centroids
# from the offline `zipcodes` package are always available.
STREET_GEOCODER = env_str("STREET_GEOCODER", "")
STREET_GEOCODER_TIMEOUT = env_int("STREET_GEOCODER_TIMEOUT", 30)

# The public API (api/): requests per client per window (0 turns the limit off,
# e.g. for a load benchmark), proxies whose X-Forwarded-For to believe, and
# the most rows one export may hold.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 120)
API_RATE_WINDOW = env_int("API_RATE_WINDOW", 60)
# How many proxies in front of the site append to X-Forwarded-For (0: believe only
# the connecting address). Rate limits and the audit log name the client by it.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
API_EXPORT_MAX_ROWS = env_int("API_EXPORT_MAX_ROWS", 5000)
# Seconds a finished API answer is reused for the same URL and data version (0: never).
API_RESPONSE_CACHE_SECONDS = env_int("API_RESPONSE_CACHE_SECONDS", 300)

# The whole directory as an Open Referral (HSDS 3.0) datapackage, served at
# /hsds/datapackage.zip: kept in this folder, built after each successful import
# (or by the first request when missing).
HSDS_DATAPACKAGE_DIR = Path(env_str("HSDS_DATAPACKAGE_DIR", str(VAR_DIR / "hsds")))
HSDS_DATAPACKAGE_AFTER_IMPORT = env_bool("HSDS_DATAPACKAGE_AFTER_IMPORT", default=True)

CONTACT_EMAIL = env_str("CONTACT_EMAIL", "listings@iopfinder.example")

# How long the search part of a results page is reused for the same URL: long
# enough to absorb a burst of one search, short enough that a listing changed
# in the admin shows soon. An import starts every page afresh. 0 turns it off.
SEARCH_PAGE_CACHE_SECONDS = env_int("SEARCH_PAGE_CACHE_SECONDS", 300)

# bench/page_load.py compares the results page with a page of nothing but the
# base layout; that page exists only when a benchmark asks for it.
BENCH_LAYOUT_PAGE = env_bool("BENCH_LAYOUT_PAGE", default=False)

# The results map's tiles (Leaflet URL template); empty turns the map off.
# The map is decoration: the list beside it stands alone.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
_TILE_HOST = urlsplit(MAP_TILE_URL.replace("{s}", "a"))
MAP_TILE_ORIGIN = f"{_TILE_HOST.scheme}://{_TILE_HOST.netloc}" if _TILE_HOST.netloc else ""

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # The site's style sheet is in every page's head, under the response's nonce (iopfinder/site_style.py).
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *([MAP_TILE_ORIGIN] if MAP_TILE_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# No page needs a camera, microphone, payment or USB device; "near me" may ask for
# the location on this site only, never inside a frame from elsewhere.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "camera": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "geolocation": ["self"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer probes app servers over plain HTTP on their private address.
    SECURE_REDIRECT_EXEMPT = [r"^health/"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# JSON lines with a request ID (operations/request_log.py), or plain text for a terminal.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "operations.request_log.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "operations.request_log.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line a request in production; in development runserver prints its own.
        "iopfinder.requests": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}

# Optional error reports to a Sentry project, with personal data scrubbed (operations/error_reports.py).
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    from operations.error_reports import start_error_reports

    start_error_reports(SENTRY_DSN)


# ------------------------------------------------ coverage requests (intake)
# Personal data in coverage requests is encrypted field by field with these
# Fernet keys, newest first; older keys still decrypt, so a key is rotated by
# putting a new one in front and running `manage.py rotate_encryption_keys`.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
refuse_invalid_fernet_keys(FIELD_ENCRYPTION_KEYS)
if not FIELD_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is missing: set it to one or more Fernet keys, comma-separated, newest first "
            "(make one with: python -c 'from cryptography.fernet import Fernet as F; print(F.generate_key().decode())')"
        )
    from intake.keys import development_key_from

    # Development only: derived at run time from the development SECRET_KEY.
    FIELD_ENCRYPTION_KEYS = [development_key_from(SECRET_KEY)]

AUTHENTICATION_BACKENDS = [
    # django-axes first, so that a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Program representatives only, by single-use e-mail link (representatives/sign_in.py).
    "representatives.sign_in.RepresentativeLinkBackend",
]
# Failures lock a user name at one address (not the name everywhere, nor the address for every
# account), plus a slower lock of the name alone: see intake/lockout.py.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FAILURE_LIMIT = env_int("AXES_USERNAME_FAILURE_LIMIT", 30)
AXES_USERNAME_WINDOW_HOURS = env_int("AXES_USERNAME_WINDOW_HOURS", 24)
AXES_HANDLER = "intake.lockout.StaffLockoutHandler"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "iopfinder.ratelimit.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no start-up banner in every command's output
AXES_LOCKOUT_TEMPLATE = "intake/staff/locked_out.html"
# axes keeps the POST data of failed sign-ins, masking these: a representative's link token, a staff code.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token", "token"]
OTP_TOTP_ISSUER = "IOP Finder"
LOGIN_URL = "intake_staff:login"

# Staff sessions end after this many seconds without a request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

SITE_HELPLINE = env_str("SITE_HELPLINE", "1-800-662-4357")
COVERAGE_RETENTION_DAYS = env_int("COVERAGE_RETENTION_DAYS", 90)
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365)
COVERAGE_REPLY_BUSINESS_DAYS = env_int("COVERAGE_REPLY_BUSINESS_DAYS", 1)
COVERAGE_NOTIFY_EMAILS = env_list("COVERAGE_NOTIFY_EMAILS")
COVERAGE_RATE_LIMIT_PER_IP = env_int("COVERAGE_RATE_LIMIT_PER_IP", 10)
COVERAGE_RATE_LIMIT_PER_PHONE = env_int("COVERAGE_RATE_LIMIT_PER_PHONE", 3)
COVERAGE_RATE_LIMIT_WINDOW_SECONDS = env_int("COVERAGE_RATE_LIMIT_WINDOW_SECONDS", 60 * 60)
# Visitors' problem reports about listings (reports app): submissions per client per window, and how
# many independent reporters it takes before a listing's page says a report waits.
REPORT_RATE_LIMIT_PER_IP = env_int("REPORT_RATE_LIMIT_PER_IP", 5)
REPORT_RATE_LIMIT_WINDOW_SECONDS = env_int("REPORT_RATE_LIMIT_WINDOW_SECONDS", 60 * 60)
REPORT_MARK_MIN_REPORTERS = env_int("REPORT_MARK_MIN_REPORTERS", 2)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@iopfinder.example")
if DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
    EMAIL_PORT = env_int("EMAIL_PORT", 25)

# ------------------------------------------------ program representatives
# Sign-in links (django-sesame): valid 15 minutes, spent by signing in, v2 tokens only.
SESAME_MAX_AGE = 15 * 60
SESAME_ONE_TIME = True
SESAME_TOKENS = ["sesame.tokens_v2"]
# Claims to manage a listing and requests for a sign-in link, per client address and per e-mail address.
LISTING_CLAIM_RATE_LIMIT_PER_IP = env_int("LISTING_CLAIM_RATE_LIMIT_PER_IP", 5)
LISTING_CLAIM_RATE_LIMIT_PER_EMAIL = env_int("LISTING_CLAIM_RATE_LIMIT_PER_EMAIL", 3)
SIGN_IN_LINK_RATE_LIMIT_PER_IP = env_int("SIGN_IN_LINK_RATE_LIMIT_PER_IP", 10)
SIGN_IN_LINK_RATE_LIMIT_PER_EMAIL = env_int("SIGN_IN_LINK_RATE_LIMIT_PER_EMAIL", 3)
# Updates one representative account may send, so a stolen session cannot flood the review queue.
PROGRAM_UPDATE_RATE_LIMIT_PER_ACCOUNT = env_int("PROGRAM_UPDATE_RATE_LIMIT_PER_ACCOUNT", 20)
REPRESENTATIVE_RATE_LIMIT_WINDOW_SECONDS = env_int("REPRESENTATIVE_RATE_LIMIT_WINDOW_SECONDS", 60 * 60)

# The search index INCLUDEs `id` for PostgreSQL's index-only scans; SQLite keeps
# the rowid in every index anyway, so its "non-key columns ignored" warning is moot.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
