"""make backup / make restore round-trip a populated database and its media."""

import subprocess
import uuid
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from portal import devdb

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.django_db(transaction=True)


def database_url(name: str) -> str:
    settings = connection.settings_dict
    if settings["HOST"].startswith("/"):  # the embedded server's socket (`make test` fallback)
        return devdb.url(name, socket_dir=Path(settings["HOST"]))
    user, host, port = (
        settings["USER"] or "postgres",
        settings["HOST"] or "127.0.0.1",
        settings["PORT"] or 5432,
    )
    return f"postgres://{user}@{host}:{port}/{name}"


def table_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        count = sql.SQL("SELECT count(*) FROM {}")
        return {
            table: conn.execute(count.format(sql.Identifier(table))).fetchone()[0]
            for table in tables
        }


def client_path() -> str:
    """pg_dump and pg_restore of the server the tests run on: the embedded server's own
    where the tests run on it."""
    system = "/usr/bin:/bin:/usr/local/bin"
    if connection.settings_dict["HOST"].startswith("/"):
        return f"{devdb.client_bin_dir()}:{system}"
    return system


def run(script: str, *args: str, env: dict) -> str:
    finished = subprocess.run(  # noqa: S603 - our own scripts
        ["/bin/bash", str(ROOT / "scripts" / script), *args],
        env={"PATH": client_path(), **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return finished.stdout.strip().splitlines()[-1]


def test_backup_and_restore_round_trip(settings, tmp_path):
    call_command("load_demo_content", stdout=StringIO())
    media = Path(settings.MEDIA_ROOT)
    (media / "avatars").mkdir(parents=True, exist_ok=True)
    (media / "avatars" / "someone.png").write_bytes(b"\x89PNG fake but kept byte for byte")
    source = database_url(connection.settings_dict["NAME"])
    restored_name = f"portal_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{restored_name}"')
    restored_media = tmp_path / "restored-media"
    try:
        dump = run(
            "backup.sh",
            env={
                "DATABASE_URL": source,
                "MEDIA_ROOT": str(media),
                "BACKUP_DIR": str(tmp_path / "backups"),
            },
        )
        run(
            "restore.sh",
            dump,
            env={"DATABASE_URL": database_url(restored_name), "MEDIA_ROOT": str(restored_media)},
        )

        original, copy = table_counts(source), table_counts(database_url(restored_name))
        assert copy == original
        assert original["forums_post"] > 100
        with psycopg.connect(database_url(restored_name)) as conn:
            titles = {row[0] for row in conn.execute("SELECT title FROM wagtailcore_page")}
        assert "Why declining bone density can cause back pain" in titles
        assert (
            restored_media / "avatars" / "someone.png"
        ).read_bytes() == b"\x89PNG fake but kept byte for byte"
        assert {p.name for p in restored_media.rglob("*.png")} == {
            p.name for p in media.rglob("*.png")
        }
    finally:
        with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')
