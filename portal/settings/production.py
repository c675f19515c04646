"""Production: every secret and host must come from the environment, and a missing one stops
the process at start-up rather than running with a development default."""

from .base import *  # noqa: F403
from .base import env, env_bool, env_list, env_required

DEBUG = False
DEMO_ACCOUNTS_ENABLED = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or env_required("ALLOWED_HOSTS").split(",")
env_required("DATABASE_URL")
# No placeholder: without a real moderators' inbox, `check --deploy` (forums.E001) fails and
# gunicorn refuses to start, unless on-duty safeguarding staff are set up.
MODERATORS_EMAIL = env("MODERATORS_EMAIL", "")
CONTACT_EMAIL = env("CONTACT_EMAIL", MODERATORS_EMAIL)

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_HTTPONLY = True
