import dj_database_url

from .base import *  # noqa: F403
from .base import env, with_jit_setting

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal"), conn_max_age=0
    )
}
# The replica alias is the test database itself; tests/cluster points it at a real streaming
# replica and turns DATABASE_REPLICA_READS on.
DATABASES["replica"] = {
    **DATABASES["default"],
    "OPTIONS": {"connect_timeout": 2},
    "TEST": {"MIRROR": "default"},
}
DATABASES = {alias: with_jit_setting(database) for alias, database in DATABASES.items()}
DATABASE_REPLICA_READS = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
DEMO_ACCOUNTS_ENABLED = True
SERVE_MEDIA = True
