"""Settings shared by every environment.

Everything that differs between machines comes from environment variables
(see `.env.example`). Optional integrations switch on only when their variable
is set: PostgreSQL (`DATABASE_URL`), Redis (`REDIS_URL`), SMTP (`EMAIL_URL`
style variables come with the membership issue).
"""

import importlib.util
import os
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# Keys used before a rotation (docs/operations.md): sessions and links signed with them still work
# until they are removed, a comma-separated list.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "accounts",
    "core",
    "cities",
    "memberships",
    "matching",
    "exchanges",
    "helpdesk",
    "resources",
    "events",
    "operations",
    "search",
    "translations",
    "insights",
    "activity",
    "crisis",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "core.logs.RequestIdMiddleware",  # an id for every log line of the request (core/logs.py)
    "core.http_cache.CacheHeadersMiddleware",  # public or private, after everything below has spoken
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",  # django-csp, with the admin's own policy
    "core.http_cache.SessionMiddleware",  # Django's, with no `Vary: Cookie` for an untouched anonymous session
    "core.middleware.LocaleMiddleware",
    "cities.conditional.DataVersionETagMiddleware",  # 304s for open data, from the data version
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "core.middleware.PrivatePagesMiddleware",  # responses to signed-in people: private, no-store
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.middleware.CachedSiteMiddleware",  # Wagtail's site from the shared cache (core/chrome.py)
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site_chrome",
            ],
            # Dates, times and numbers by CLDR rules in every template (core/templatetags/cldr.py).
            "builtins": ["core.templatetags.cldr"],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: SQLite by default, PostgreSQL (or anything dj-database-url reads)
# when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache, sessions and the task queue: local memory and the database by
# default, Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_cache(url: str, prefix: str) -> dict:
    """A cache in Redis that a Redis not answering turns into misses, not errors: pages are still served
    (built afresh) and each miss is logged (docs/operations.md, "When a service fails")."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }


def rq_queue_url(url: str) -> str:
    """The task queue's Redis address with timeouts (unless the address sets its own): a Redis that
    hangs holds a page's enqueue for seconds, then the task is kept in the database (core/queue.py).
    RQ's worker raises the read timeout above its own blocking wait (rq.Worker._set_connection)."""
    parts = urlsplit(url)
    query = {"socket_connect_timeout": "1", "socket_timeout": "3", **dict(parse_qsl(parts.query))}
    return urlunsplit(parts._replace(query=urlencode(query)))


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL, os.environ.get("CACHE_KEY_PREFIX", "strongcities"))}
    # Sessions in the database, read through the cache: a signed-in person stays signed in when Redis does not answer.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    RQ_QUEUES = {"default": {"URL": rq_queue_url(REDIS_URL)}}
    # The worker runs django-tasks' jobs (its Job class) and runs again a job whose worker died
    # (core/queue.py::RQWorker); `manage.py rqworker` reads both from here.
    RQ = {"JOB_CLASS": "django_tasks_rq.Job", "WORKER_CLASS": "core.queue.RQWorker"}
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Rate limits (core/ratelimit.py) count in a cache that every process shares: Redis when
# REDIS_URL is set, else a database table that `migrate` creates (core/apps.py).
if REDIS_URL:
    CACHES["ratelimit"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "strongcities") + "-ratelimit",
        # Errors, not misses (a miss would reset the counters), within a second: core/ratelimit.py lets
        # the form through while Redis does not answer.
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
else:
    CACHES["ratelimit"] = {
        "BACKEND": "core.cache.DatabaseCache",
        "LOCATION": "core_ratelimit_cache",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},  # never cull live counters to make room
    }
# Flags that every process must agree on (matching/tasks.py: a whole-network recompute already queued): the
# same shared store as the rate limits, never one process's memory.
CACHES["shared"] = dict(CACHES["ratelimit"])
# The load test only (bench/load.py, docs/operations.md "Load test"): all its visitors come from 127.0.0.1
# and a few accounts, so the limits above would refuse its writes after the first few. With
# LOAD_TEST_NO_RATE_LIMITS=true the counters go to Django's dummy cache, which counts nothing. Honoured
# only when every allowed host is this machine's, so a real server cannot lose its limits by mistake.
LOAD_TEST_NO_RATE_LIMITS = env_bool("LOAD_TEST_NO_RATE_LIMITS") and bool(ALLOWED_HOSTS)
LOAD_TEST_NO_RATE_LIMITS = LOAD_TEST_NO_RATE_LIMITS and set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "[::1]"}
if LOAD_TEST_NO_RATE_LIMITS:
    CACHES["ratelimit"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling, first
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "/"
# The visitor's address (core/net.py): REMOTE_ADDR, unless Django runs behind this many reverse
# proxies, each appending the address it saw to X-Forwarded-For. Set it to the real number: too high
# lets visitors choose their address, 0 behind a proxy counts everyone as the proxy.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Login throttling: 5 failures for one account from one visitor's address lock that account for
# that address only, for 15 minutes; the owner signing in from elsewhere is not locked out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.views.throttling_key"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
# People who work in the admin (Management Unit, hub staff, translators, superusers) must
# confirm a time-based code (TOTP) after their password before the admin opens, and before
# their staff or hub privileges count anywhere else: until then they are plain members
# (core/visibility.py, "The second factor").
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "Strong Cities Network"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English, Arabic (right-to-left), French and Spanish from day one.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fr", _("French")),
    ("es", _("Spanish")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]  # local additions to Django's locale formats

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Leaflet's files come from the django-leaflet package; its Django app is not
# installed because its admin widgets need GDAL, which the site does not use.
_LEAFLET_STATIC = Path(importlib.util.find_spec("leaflet").submodule_search_locations[0]) / "static"
STATICFILES_DIRS = [BASE_DIR / "static", _LEAFLET_STATIC]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploads that must never be public (letters of commitment): outside MEDIA_ROOT,
# served only by views that check permissions.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
# The whole network's CSV and GeoJSON exports, one file per data version, visibility level and language
# (cities/open_data.py), written by the task worker and sent by the web workers: a folder both can write,
# local to the machine, outside MEDIA_ROOT (the Management Unit's files must not be public).
OPEN_DATA_ROOT = Path(os.environ.get("OPEN_DATA_ROOT", PRIVATE_MEDIA_ROOT / "open-data"))
# Build the public exports of every language in the task queue as soon as member data changes (after the
# commit), so the first reader after a change downloads the file instead of "being prepared".
OPEN_DATA_BUILD_ON_CHANGE = os.environ.get("OPEN_DATA_BUILD_ON_CHANGE", "1") != "0"
# Letters of commitment of declined or withdrawn applications are deleted this many days after the decision
# (memberships/services.py, a daily job; docs/operations.md).
RETENTION_CLOSED_LETTER_DAYS = int(os.environ.get("RETENTION_CLOSED_LETTER_DAYS", "90"))
# Accounts nobody has signed in to for this many days are listed for the Management Unit to review (erase,
# or keep) at /admin/people/inactive/ (operations/admin_views.py; docs/operations.md).
RETENTION_INACTIVE_ACCOUNT_DAYS = int(os.environ.get("RETENTION_INACTIVE_ACCOUNT_DAYS", "730"))
# Sign-in records (django-axes: address, time, network address) are deleted after this many days, with the
# sessions that have ended, by a daily job (operations/retention.py).
RETENTION_SIGN_IN_RECORD_DAYS = int(os.environ.get("RETENTION_SIGN_IN_RECORD_DAYS", "90"))
PARTNERSHIP_EMAIL = os.environ.get("PARTNERSHIP_EMAIL", "partnerships@example.org")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "core.storage.StaticFilesStorage"},  # WhiteNoise's, hashed and compressed
    # Private files (letters of commitment): PRIVATE_MEDIA_ROOT, no URL (core/storage.py).
    "private": {"BACKEND": "core.storage.PrivateFileSystemStorage"},
}
# S3-compatible storage (django-storages on boto3; docs/deploy.md, "Several machines"): the uploads' bucket, and
# for a service other than Amazon's (MinIO, Ceph, Garage, a cloud's own) its address and region. The keys come
# from boto3's usual places: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
if AWS_STORAGE_BUCKET_NAME:
    # Images: plain addresses that never expire, since the pages holding them are kept by the proxy and the
    # fragment cache for longer than a signed address lives (the bucket lets anyone read `original_images/`
    # and `images/`); a second file of the same name gets a name of its own, as on disk.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": AWS_STORAGE_BUCKET_NAME, "querystring_auth": False, "file_overwrite": False},
    }
    # Private files: their own prefix (or bucket, AWS_PRIVATE_STORAGE_BUCKET_NAME), private ACL,
    # only short-lived signed addresses and never the public custom domain.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME", os.environ["AWS_STORAGE_BUCKET_NAME"]),
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "custom_domain": None,
            "file_overwrite": False,
        },
    }

# Backups (operations/backup.py, docs/operations.md): one archive of the database and every stored file,
# daily through the task queue at BACKUP_DAILY_AT (UTC; "" for none), the newest BACKUP_KEEP kept, in
# BACKUP_ROOT or, with BACKUP_BUCKET_NAME, a bucket of the S3-compatible storage. Encrypted with GnuPG
# for BACKUP_GPG_RECIPIENT (a public key in the keyring of the user running the worker) when it is set.
BACKUP_ROOT = Path(os.environ.get("BACKUP_ROOT", BASE_DIR / "backups"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "14"))
BACKUP_DAILY_AT = os.environ.get("BACKUP_DAILY_AT", "02:30")
BACKUP_GPG_RECIPIENT = os.environ.get("BACKUP_GPG_RECIPIENT", "")
BACKUP_HOSTNAME = os.environ.get("BACKUP_HOSTNAME", "")  # in the archive's name; the machine's by default
BACKUP_TMP_DIR = os.environ.get("BACKUP_TMP_DIR") or None  # where archives are built; the system's by default
STORAGES["backups"] = {"BACKEND": "core.storage.BackupFileSystemStorage"}  # BACKUP_ROOT, no address
if os.environ.get("BACKUP_BUCKET_NAME"):
    STORAGES["backups"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["BACKUP_BUCKET_NAME"],
            "location": "backups",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # development only: prod.py refuses it
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "network@example.org")
# /readyz answers 503 when a task has waited this long and no task started or finished meanwhile.
READYZ_TASK_STALL_MINUTES = int(os.environ.get("READYZ_TASK_STALL_MINUTES", "15"))
# A task of the database backend still "running" after this long lost its worker (core/queue.py): it runs
# again. Longer than the longest task (a backup). RQ finds its own from the worker's heartbeat.
TASK_ABANDONED_AFTER_SECONDS = int(os.environ.get("TASK_ABANDONED_AFTER_SECONDS", "1800"))
# How often the RQ worker runs its maintenance: abandoned jobs, and the tasks kept in the database while
# Redis did not answer handed to the queue (core/queue.py).
RQ_MAINTENANCE_SECONDS = int(os.environ.get("RQ_MAINTENANCE_SECONDS", "60"))

# Machine translation (translations/, docs/translation.md). TRANSLATION_ENGINE names the engines in order
# of preference (libretranslate, deepl, apertium; comma-separated): the first that covers a language pair
# translates it. Empty (the default): no machine translation, every pair is queued for a human.
TRANSLATION_ENGINE = env_list("TRANSLATION_ENGINE")
_TRANSLATION_TIMEOUT = float(os.environ.get("TRANSLATION_TIMEOUT", "30"))
TRANSLATION_ENGINES = {
    "libretranslate": {
        "LIBRETRANSLATE_URL": os.environ.get("LIBRETRANSLATE_URL", "http://127.0.0.1:5000"),
        "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
        "TIMEOUT": _TRANSLATION_TIMEOUT,
    },
    "deepl": {
        "AUTH_KEY": os.environ.get("DEEPL_AUTH_KEY", ""),
        "API_URL": os.environ.get("DEEPL_API_URL", ""),  # empty: DeepL's free or pro API, chosen by the key
        "TIMEOUT": _TRANSLATION_TIMEOUT,
    },
    "apertium": {"BINARY": "apertium", "TIMEOUT": _TRANSLATION_TIMEOUT},
}
# Batches and retries (timeouts, 429, 5xx): pauses of BACKOFF seconds doubled each time, at most MAX_DELAY.
TRANSLATION_RETRY = {
    "MAX_ATTEMPTS": int(os.environ.get("TRANSLATION_MAX_ATTEMPTS", "4")),
    "BACKOFF": 1.0,
    "MAX_DELAY": 30.0,
    "BATCH_SIZE": 50,
    "BATCH_CHARS": 20_000,
}
# wagtail-localize's "Machine translate" button goes through the same engines, with the glossary.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {"CLASS": "translations.machine.GlossaryTranslator"} if TRANSLATION_ENGINE else None
)

# HTTP caching (core/http_cache.py, core/frontend_cache.py, deploy/varnish/default.vcl; docs/deploy.md,
# "Caching"). Anonymous GETs of public pages say `public, max-age=CACHE_PUBLIC_MAX_AGE,
# s-maxage=CACHE_PUBLIC_S_MAXAGE`: the proxy keeps them that long at most and is purged on every change;
# browsers ask again after CACHE_PUBLIC_MAX_AGE (0 by default: a reader who signs in, or reloads after a
# publish, never sees an older copy from their own browser). Personal responses: `private, no-store`.
CACHE_PUBLIC_MAX_AGE = int(os.environ.get("CACHE_PUBLIC_MAX_AGE", "0"))
CACHE_PUBLIC_S_MAXAGE = int(os.environ.get("CACHE_PUBLIC_S_MAXAGE", "600"))
# Responses under these paths (after the language prefix) are tagged for the proxy's bans, whatever they read.
CACHE_TAG_PATHS = {"network": ["/network/", "/api/"]}
# Purges go out after the commit and once more this many seconds later (a page rendered from the old data
# while the first went out); 0 sends them once.
CACHE_PURGE_REPEAT_SECONDS = float(os.environ.get("CACHE_PURGE_REPEAT_SECONDS", "3"))
# The caching proxies that PURGE and BAN requests go to (Wagtail's front-end cache), comma-separated, e.g.
# http://127.0.0.1:6081. Unset: nothing is purged (no proxy).
if env_list("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        f"varnish{number}": {"BACKEND": "core.frontend_cache.VarnishBackend", "LOCATION": location}
        for number, location in enumerate(env_list("FRONTEND_CACHE_URL"), start=1)
    }

WAGTAIL_SITE_NAME = "Strong Cities Network"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The index holds text folded by core.text.fold (search/indexing.py): PostgreSQL's "simple" configuration
# (no stemming, no stop words) then cuts it into the same words as SQLite's FTS5 does. After changing it:
# manage.py update_index.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}}
# Documents are sent by Wagtail's view, which checks a document's collection restrictions first, on S3 too
# (Wagtail would redirect to the bucket there, handing out an address anyone could pass on): the bucket
# keeps them unreadable (docs/deploy.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Logs (core/logs.py): every line carries its request's id and no secret from an address; "json" gives
# one JSON object per line (production's default, prod.py), "text" a line for people (development).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request"],
            "formatter": os.environ.get("LOG_FORMAT", "text"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
# Errors to Sentry (or GlitchTip) when SENTRY_DSN is set, without personal data (core/logs.py).
if os.environ.get("SENTRY_DSN"):
    from core.logs import sentry_init

    sentry_init(
        os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", ""),
        release=os.environ.get("RELEASE", ""),
    )
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no calls to outside services from the admin

# Content-Security-Policy (django-csp 4). The public site runs no inline script or style and loads
# nothing from other hosts: the map's Leaflet, marker clusters and country shapes are our static
# files and its points our own JSON (no tile server, no CDN). `data:` images: the empty favicon and
# the API docs' icons. CSP_MEDIA_ORIGINS adds hosts that serve uploaded files (an S3 bucket's).
_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_ORIGINS],
        "media-src": ["'self'", *_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin (/admin/) still writes inline scripts (panels, date widgets) and styles, and its
# bundled templating uses `new Function`; it shows previews in frames of itself and image previews
# from data:/blob: URLs. So a relaxed policy there only (core.middleware.ContentSecurityPolicyMiddleware).
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_MEDIA_ORIGINS],
        "font-src": ["'self'", "data:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# Engagement (activity/, issue 15 part 2): a member authority with nothing recorded for
# ENGAGEMENT_DORMANT_DAYS (and a member for at least as long) is dormant; within
# ENGAGEMENT_ACTIVE_DAYS it is active; in between, quiet. A hub's "check in" e-mail to an
# authority is refused within ENGAGEMENT_CHECK_IN_INTERVAL_DAYS of the last one.
ENGAGEMENT_DORMANT_DAYS = int(os.environ.get("ENGAGEMENT_DORMANT_DAYS", "365"))
ENGAGEMENT_ACTIVE_DAYS = int(os.environ.get("ENGAGEMENT_ACTIVE_DAYS", "90"))
ENGAGEMENT_CHECK_IN_INTERVAL_DAYS = int(os.environ.get("ENGAGEMENT_CHECK_IN_INTERVAL_DAYS", "7"))
