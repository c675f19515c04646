"""Settings shared by every environment. Everything that differs between machines comes from
environment variables; the per-environment modules only choose defaults."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from portal import devdb

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


SECRET_KEY = env("SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# The portal's name in emails (allauth's "Hello from …"), the admin and structured data.
SITE_NAME = env("SITE_NAME", "Bone & Spine Health")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "articles",
    "community.forums",
    "community.events",
    "community.members",
    "community.notifications",
    "portal.search",
    "portal.seo",
    "portal.pagecache",
    "portal.pages",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.MalformedInputMiddleware",
    "portal.pagecache.AnonymousPageCacheMiddleware",
    "portal.db_router.ReplicaReadsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "community.members.middleware.StaffMFARequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "articles.serving.ServedSiteMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "portal.urls"
# Content-Security-Policy (django-csp): the site's strict, nonce-based policy, and the admin's,
# which Wagtail's editor works under (portal.middleware). CSP_REPORT_ONLY=1 only reports.
SITE_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **SITE_CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # Wagtail 8 still writes inline initialisers for choosers, date pickers and inline
        # panels, and its modals run the scripts they load; it sets style attributes from its
        # scripts, shows previews from blob: URLs and previews pages in a same-origin frame.
        # Nothing from another origin. (A nonce would switch 'unsafe-inline' off.)
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = SITE_CONTENT_SECURITY_POLICY
else:
    CONTENT_SECURITY_POLICY = SITE_CONTENT_SECURITY_POLICY
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Sessions are kept in the database and read through the cache: a signed-in request reads its
# session from Redis instead of querying it. Every write goes to both; a miss (an evicted key,
# Redis down) reads the database. A session's cache entry expires with the session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.middleware.csp_nonce",
                "community.notifications.context_processors.notifications",
            ],
        },
    },
]

# Database: DATABASE_URL, e.g. postgres://user:pass@host:5432/portal; unset, the embedded
# PostgreSQL that `make run` starts (portal/devdb.py). Production requires DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", devdb.url()),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Read replica: DATABASE_REPLICA_URL, a hot standby streaming from DATABASE_URL. Readers'
# GET requests read from it; writes, requests under the primary-only paths, and a browser's
# reads for DATABASE_REPLICA_STICKY_SECONDS after it wrote use the primary; so does every read
# while the replica is down or lags more than DATABASE_REPLICA_MAX_LAG_SECONDS
# (portal/db_router.py). Unset, every query goes to DATABASE_URL.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)

# PostgreSQL's JIT compiler pays off for long analytical queries. For a page's queries it only
# costs: a large cost estimate (ranking a common word over 1M posts) made it spend 70-120 ms
# compiling a query that then ran in 250 ms. DATABASE_JIT=true turns it back on.
DATABASE_JIT = env_bool("DATABASE_JIT", False)


def with_jit_setting(database: dict) -> dict:
    if DATABASE_JIT:
        return database
    return {**database, "OPTIONS": {**database.get("OPTIONS", {}), "options": "-c jit=off"}}


DATABASES = {alias: with_jit_setting(database) for alias, database in DATABASES.items()}


def for_transaction_pooling(database: dict) -> dict:
    """pgBouncer in transaction mode gives each transaction whichever server connection is
    free, so a cursor kept open across transactions (QuerySet.iterator) would be lost. Django's
    client-side parameter binding (its default with psycopg 3) prepares no statements.
    pgBouncer refuses startup options, so `jit = off` is then the server's setting to make."""
    options = {k: v for k, v in database.get("OPTIONS", {}).items() if k != "options"}
    return {**database, "OPTIONS": options, "DISABLE_SERVER_SIDE_CURSORS": True}


# DATABASE_TRANSACTION_POOLING=true when DATABASE_URL (and the replica's) lead to pgBouncer
# with pool_mode = transaction.
if env_bool("DATABASE_TRANSACTION_POOLING", False):
    DATABASES = {alias: for_transaction_pooling(database) for alias, database in DATABASES.items()}

DATABASE_ROUTERS = ["portal.db_router.ReplicaRouter"]
DATABASE_REPLICA_READS = bool(DATABASE_REPLICA_URL)
DATABASE_REPLICA_MAX_LAG_SECONDS = float(env("DATABASE_REPLICA_MAX_LAG_SECONDS", "5"))
DATABASE_REPLICA_CHECK_SECONDS = float(env("DATABASE_REPLICA_CHECK_SECONDS", "5"))
DATABASE_REPLICA_STICKY_SECONDS = int(env("DATABASE_REPLICA_STICKY_SECONDS", "15"))
DATABASE_REPLICA_PRIMARY_ONLY_PATHS = (
    "/admin/",
    "/accounts/",
    "/members/",
    "/healthz",
    "/forums/unsubscribe/",
)

# Cache: Redis when REDIS_URL is set, local memory otherwise. While Redis is unreachable the
# cache answers "miss" without waiting on it, and rate limits (allauth's and the posting
# limit) are kept in each process's memory, so sign-in keeps working (portal/cache.py).
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "RETRY_SECONDS": float(env("REDIS_RETRY_SECONDS", "5")),
            },
        }
    }
    # Wagtail looks image renditions up in this cache before the database.
    CACHES["renditions"] = {**CACHES["default"], "KEY_PREFIX": "renditions"}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Behind proxies we run, how to find the visitor's address (portal/client_ip.py): the number
# of our proxies that append to X-Forwarded-For, or a header our proxy sets. 0 and unset
# mean "use the connecting address" and ignore X-Forwarded-For, which anyone can write.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", "") or None
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "community.forums.auth_backends.GroupModeratorAdminAccessBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: email is the login identifier.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ADAPTER = "community.members.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "community.members.selectors.display_name_of"
ACCOUNT_SIGNUP_FORM_CLASS = "community.members.forms.SignupExtraForm"
ACCOUNT_FORMS = {"signup": "community.members.signup.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = SITE_NAME
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# The time zone a new member's profile starts with (an IANA name).
PORTAL_DEFAULT_TIME_ZONE = env("PORTAL_DEFAULT_TIME_ZONE", TIME_ZONE)
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Serve uploaded media from Django itself (development, tests, a single small server);
# in production media comes from object storage or the web server.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)


# Media storage (images, renditions, documents, avatars): MEDIA_STORAGE=s3 keeps them in an
# S3-compatible bucket through django-storages (AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL for
# a non-AWS server, AWS_S3_REGION_NAME, AWS_S3_CUSTOM_DOMAIN for a CDN; credentials from
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the machine's role); otherwise MEDIA_ROOT.
def media_storage_backend() -> dict:
    kind = env("MEDIA_STORAGE", "s3" if env("AWS_STORAGE_BUCKET_NAME") else "filesystem")
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be s3 or filesystem, not {kind!r}.")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_required("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
            # Two uploads of "scan.jpg" are two files, as on the file system.
            "file_overwrite": False,
        },
    }


STORAGES = {
    "default": media_storage_backend(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Email: SMTP settings from the environment; console in development.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Bone & Spine Health <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Moderation emails come from, and take replies at, a mailbox the moderators read; the contact
# form reaches staff at CONTACT_EMAIL.
MODERATORS_EMAIL = env("MODERATORS_EMAIL", "Bone & Spine Health moderators <moderators@localhost>")
CONTACT_EMAIL = env("CONTACT_EMAIL", MODERATORS_EMAIL)
# Optional mailbox offered beside the one-click link in List-Unsubscribe (RFC 2369/8058).
UNSUBSCRIBE_MAILTO = env("UNSUBSCRIBE_MAILTO", "")
CONTACT_RATE_LIMIT = (int(env("CONTACT_RATE_LIMIT", "5")), 60 * 60)

# Background tasks: the database backend and `manage.py db_worker` unless told otherwise.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin (CSP, privacy)
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FINISH_WORKFLOW_ACTION = "articles.workflows.publish_after_medical_review"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "articles.forms.ReviewedImageForm"

# Demo accounts with published passwords: only where a newcomer tries the portal out.
DEMO_ACCOUNTS_ENABLED = env_bool("DEMO_ACCOUNTS_ENABLED", False)
DEMO_CONTENT_LOADERS = ["community.demo.load_community"]

# How long a medical review stays valid before the article is due again.
ARTICLE_REVIEW_PERIOD = timedelta(days=int(env("ARTICLE_REVIEW_PERIOD_DAYS", str(2 * 365))))
ARTICLE_REVIEW_DUE_SOON = timedelta(days=30)

# Anonymous full-page cache: (path prefix, area, seconds); the first matching prefix wins and
# area None is never cached. Areas are invalidated together (portal/pagecache.py).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_RULES = [
    ("/admin/", None, 0),
    ("/accounts/", None, 0),
    ("/members/", None, 0),
    ("/search/", None, 0),
    ("/healthz", None, 0),
    ("/forums/unsubscribe/", None, 0),
    ("/forums/", "forums", 60),
    ("/events/", "events", 300),
    ("/", "pages", 600),
]
# A CDN in front is purged through Wagtail's frontend cache when pages are published.
WAGTAILFRONTENDCACHE = (
    {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
        }
    }
    if env("FRONTEND_CACHE_PURGE_URL")
    else {}
)

# Forums
FORUM_POSTS_PER_PAGE = 20
FORUM_THREADS_PER_PAGE = 25
FORUM_AUTO_HIDE_REPORTS = int(env("FORUM_AUTO_HIDE_REPORTS", "3"))
FORUM_NEW_MEMBER_DAYS = int(env("FORUM_NEW_MEMBER_DAYS", "3"))
FORUM_NEW_MEMBER_MIN_POSTS = int(env("FORUM_NEW_MEMBER_MIN_POSTS", "3"))
FORUM_NEW_MEMBER_THREADS_PER_DAY = int(env("FORUM_NEW_MEMBER_THREADS_PER_DAY", "2"))
# (posts, seconds): at most this many posts by one member in the window.
FORUM_POST_RATE_LIMIT = (int(env("FORUM_POST_RATE_LIMIT", "10")), 10 * 60)
# (saves, seconds): how often one member's drafts may be saved while they type.
FORUM_DRAFT_RATE_LIMIT = (int(env("FORUM_DRAFT_RATE_LIMIT", "30")), 60)
# Private messages one moderator may send members in an hour.
FORUM_CONTACT_RATE_LIMIT = (int(env("FORUM_CONTACT_RATE_LIMIT", "20")), 60 * 60)
# @mentions: at most this many different members in one post, and this many an hour.
FORUM_MENTIONS_PER_POST = int(env("FORUM_MENTIONS_PER_POST", "10"))
FORUM_MENTION_RATE_LIMIT = (int(env("FORUM_MENTION_RATE_LIMIT", "30")), 60 * 60)
# Look-ups of display names by the composer's @ menu, per member a minute.
MENTION_SUGGESTIONS_RATE_LIMIT = (int(env("MENTION_SUGGESTIONS_RATE_LIMIT", "60")), 60)
FORUM_NOTIFICATION_DELAY = timedelta(minutes=int(env("FORUM_NOTIFICATION_DELAY_MINUTES", "10")))
FORUM_ARTICLE_DISCUSSION_GROUP = env("FORUM_ARTICLE_DISCUSSION_GROUP", "article-discussions")
# Everyone in this auth group is emailed at once about posts with a crisis warning sign, with
# the post's group moderators.
FORUM_SAFEGUARDING_GROUP = "Safeguarding on duty"

# Events
EVENTS_PER_PAGE = 20
# How far ahead a recurring series has its occurrences created.
EVENTS_SERIES_MONTHS_AHEAD = 3
# Events starting within this window from now get their reminder.
EVENTS_REMINDER_WINDOW = timedelta(hours=24)
# The right-hand side of every iCalendar UID: it must never change once feeds are out.
EVENTS_CALENDAR_UID_DOMAIN = "events.bonespinehealth.org"
# The weekly digest: due from this weekday (Monday 0) and local hour in each member's zone.
DIGEST_WEEKDAY = 0
DIGEST_HOUR = 8
DIGEST_EVENTS_AHEAD = timedelta(days=14)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "wagtail": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
