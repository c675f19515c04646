import json
import os
import subprocess
import sys

PRINT_SETTINGS = """
import json
from portal.settings import production as s
print(json.dumps({name: getattr(s, name) for name in %r}))
"""
SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
]


def test_production_keeps_the_security_settings_it_shares_with_base():
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": "postgres://portal@db.example.org:5432/portal",
    }
    code = PRINT_SETTINGS % SECURITY_SETTINGS
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )

    assert json.loads(result.stdout) == {
        "DEBUG": False,
        "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
    }


def test_page_queries_run_without_postgresqls_jit_compiler(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_transaction_pooling_drops_startup_options_pgbouncer_would_refuse():
    from portal.settings.base import for_transaction_pooling

    pooled = for_transaction_pooling(
        {"NAME": "portal", "OPTIONS": {"options": "-c jit=off", "connect_timeout": 2}}
    )

    assert pooled["OPTIONS"] == {"connect_timeout": 2}
    assert pooled["DISABLE_SERVER_SIDE_CURSORS"] is True
