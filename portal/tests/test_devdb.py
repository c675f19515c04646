"""The embedded PostgreSQL behind `make run`: a real PostgreSQL 18 with the extensions search
needs, reached over its socket, and the URL the settings use for it."""

import subprocess

import dj_database_url
import psycopg
import pytest

from portal import devdb


def test_the_embedded_url_names_the_socket_folder_as_host(tmp_path):
    folder = tmp_path / "data dir" / "postgres"

    parsed = dj_database_url.parse(devdb.url("portal", socket_dir=folder))

    assert parsed["ENGINE"] == "django.db.backends.postgresql"
    assert (parsed["HOST"], parsed["NAME"], parsed["USER"]) == (str(folder), "portal", "postgres")


def test_tests_use_the_database_url_they_are_given(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@db.example:6543/elsewhere")

    assert devdb.database_url_for_tests() == "postgres://someone@db.example:6543/elsewhere"


def test_embedded_server_starts_creates_the_database_and_has_the_search_extensions(tmp_path):
    server = devdb.start(data_dir=tmp_path / "postgres")
    try:
        url = devdb.ensure_database(server, "portal_embedded_check")
        assert devdb.ensure_database(server, "portal_embedded_check") == url  # second time: kept

        with psycopg.connect(url) as conn:
            version = conn.execute("SHOW server_version_num").fetchone()[0]
            durable = conn.execute("SHOW synchronous_commit").fetchone()[0]
            conn.execute("CREATE EXTENSION pg_trgm")
            conn.execute("CREATE EXTENSION unaccent")
            similarity = conn.execute(
                "SELECT similarity('osteoperosis', 'osteoporosis'), unaccent('Ménière')"
            ).fetchone()
    finally:
        devdb.stop(server)

    assert int(version) // 10000 == 18
    assert durable == "off"  # a throw-away server for trying out: fast commits
    assert similarity[0] > 0.45
    assert similarity[1] == "Meniere"
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)


def test_stopping_forgets_holders_that_died_without_letting_go(tmp_path):
    server = devdb.start(data_dir=tmp_path / "postgres")
    url = devdb.ensure_database(server)
    killed = subprocess.Popen(["/bin/true"])  # noqa: S603 - a process that is gone
    killed.wait()
    server.global_process_id_list.get_and_add(killed.pid)

    devdb.stop(server)

    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)
