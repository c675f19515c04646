"""The portal through pgBouncer from Debian in transaction mode, as the capacity note in the
README plans it: pages read and a reply written with the pooling settings, by two client
connections sharing one server connection."""

import shutil
import subprocess
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from community.forums.models import Post
from community.forums.tests.factories import ExperiencedMemberFactory, make_thread
from portal.settings.base import for_transaction_pooling
from tests.cluster.processes import CLUSTER

from .processes import as_postgres_user, free_port, give_to_postgres_user, stop, wait_for_port

pytestmark = [*CLUSTER, pytest.mark.django_db(transaction=True)]

PGBOUNCER_CONFIG = """\
[databases]
* = host={host} port={port}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {listen_port}
unix_socket_dir = {root}
auth_type = trust
auth_file = {root}/users.txt
admin_users = postgres
pool_mode = transaction
default_pool_size = 1
max_client_conn = 100
logfile = {root}/pgbouncer.log
"""


@pytest.fixture
def pgbouncer():
    """pgBouncer, which will not run as root, as the postgres OS user in a folder of its own."""
    root = Path(tempfile.mkdtemp(prefix="portal-pgbouncer-"))
    give_to_postgres_user(root)
    port = free_port()
    (root / "users.txt").write_text('"postgres" ""\n')
    (root / "pgbouncer.ini").write_text(
        PGBOUNCER_CONFIG.format(
            host=connection.settings_dict["HOST"] or "127.0.0.1",
            port=connection.settings_dict["PORT"] or 5432,
            listen_port=port,
            root=root,
        )
    )
    process = subprocess.Popen(  # noqa: S603
        as_postgres_user(["/usr/sbin/pgbouncer", str(root / "pgbouncer.ini")]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process=process)
        yield port
    finally:
        stop(process)
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def default_database_through(port: int):
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(
        {**for_transaction_pooling(saved), "HOST": "127.0.0.1", "PORT": port, "CONN_MAX_AGE": 60}
    )
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def transactions_pooled(port: int, database: str) -> int:
    with psycopg.connect(
        host="127.0.0.1", port=port, user="postgres", dbname="pgbouncer", autocommit=True
    ) as admin:
        stats = admin.execute("SHOW STATS").fetchall()
        columns = [column.name for column in admin.cursor().execute("SHOW STATS").description]
    row = next(row for row in stats if row[columns.index("database")] == database)
    return row[columns.index("total_xact_count")]


def statuses_of_pages_read_in_another_thread(url: str, count: int) -> list:
    """Another thread has its own database connection: through a pool of one server
    connection, both share it, one transaction at a time."""
    statuses = []

    def read():
        try:
            statuses.extend(Client().get(url).status_code for _ in range(count))
        except Exception as error:  # noqa: BLE001 - reported to the test
            statuses.append(error)
        finally:
            connections.close_all()

    reader = threading.Thread(target=read)
    reader.start()
    reader.join(timeout=60)
    return statuses


def test_pages_are_read_and_a_reply_written_through_pgbouncer_in_transaction_mode(
    pgbouncer, client
):
    thread = make_thread(title="Strength training after fifty")
    member = ExperiencedMemberFactory()
    database = connection.settings_dict["NAME"]

    with default_database_through(pgbouncer):
        client.force_login(member)
        pages = [client.get(thread.get_absolute_url()).status_code for _ in range(6)]
        pages += statuses_of_pages_read_in_another_thread(thread.get_absolute_url(), 6)
        replied = client.post(
            reverse("forums:reply", kwargs={"pk": thread.pk}),
            {"body": "Start light, with a physiotherapist.", "website": ""},
        )

    assert pages == [200] * 12
    assert replied.status_code == 302
    assert Post.objects.filter(body_markdown="Start light, with a physiotherapist.").exists()
    assert transactions_pooled(pgbouncer, database) > 12
