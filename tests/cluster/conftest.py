"""Real servers on loopback for the cluster tests: a streaming replica of the test server,
an S3 API server, a load balancer over two web nodes. Each is started once per session (per
xdist worker, and only one test module uses each) and torn down even when a test fails."""

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connections

from portal.db_router import REPLICA, replica_health
from portal.settings.base import media_storage_backend

from .processes import (
    as_postgres_user,
    free_port,
    give_to_postgres_user,
    stop,
    wait_for_port,
)


def primary_url(database: str) -> str:
    settings = connections["default"].settings_dict
    if settings["HOST"].startswith("/"):
        raise RuntimeError(
            "The cluster tests stream a replica over TCP from a PostgreSQL on 127.0.0.1; "
            "run scripts/ensure-services.sh to start the system server."
        )
    user, host, port = (
        settings["USER"] or "postgres",
        settings["HOST"] or "127.0.0.1",
        settings["PORT"] or 5432,
    )
    return f"postgres://{user}@{host}:{port}/{database}"


# A hot standby refuses to start with less of these than its primary has.
STANDBY_MINIMUMS = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)


def primary_minimums() -> str:
    with psycopg.connect(primary_url("postgres")) as conn:
        rows = conn.execute(
            "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)", [list(STANDBY_MINIMUMS)]
        ).fetchall()
    return " ".join(f"-c {name}={setting}" for name, setting in rows)


def postgres_bin_dir() -> Path:
    with psycopg.connect(primary_url("postgres")) as conn:
        major = int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000
    return Path(f"/usr/lib/postgresql/{major}/bin")


class StreamingReplica:
    def __init__(self, *, data_dir: Path, port: int):
        self.data_dir, self.port = data_dir, port

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def run_sql(self, sql: str):
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            return conn.execute(sql).fetchone()

    def pause_replay(self, seconds: float = 30) -> None:
        """Stop replaying what the primary writes (the replica still receives it). A pause
        takes hold at the next WAL record, so the primary writes some until it has."""
        self.run_sql("SELECT pg_wal_replay_pause()")
        deadline = time.monotonic() + seconds
        while self.run_sql("SELECT pg_get_wal_replay_pause_state()")[0] != "paused":
            if time.monotonic() > deadline:
                raise TimeoutError("The replica did not pause")
            with psycopg.connect(primary_url("postgres"), autocommit=True) as conn:
                conn.execute("SELECT pg_current_xact_id()")
            time.sleep(0.05)

    def wait_until_behind(self, seconds: float = 30) -> None:
        """Until the replica has received WAL it has not replayed: only then can it tell that
        it lags (what it has not received yet, it cannot know about)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            (behind,) = self.run_sql("SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()")
            if behind:
                return
            time.sleep(0.05)
        raise TimeoutError("The replica received nothing new from the primary")

    def wait_until_caught_up(self, seconds: float = 30) -> None:
        with psycopg.connect(primary_url("postgres")) as conn:
            target = conn.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            (behind,) = self.run_sql(f"SELECT pg_last_wal_replay_lsn() < '{target}'::pg_lsn")
            if not behind:
                return
            time.sleep(0.05)
        raise TimeoutError("The replica did not catch up with the primary")


@pytest.fixture(scope="session")
def streaming_replica(django_db_setup):
    """A hot standby of the whole test server (so it has the test database too), made with
    pg_basebackup -R and started with pg_ctl on a free port."""
    bin_dir = postgres_bin_dir()
    primary = connections["default"].settings_dict
    root = Path(tempfile.mkdtemp(prefix="portal-replica-"))
    data_dir = root / "data"
    give_to_postgres_user(root)
    port = free_port()
    subprocess.run(  # noqa: S603 - PostgreSQL's own tools
        as_postgres_user(
            [
                str(bin_dir / "pg_basebackup"),
                f"--host={primary['HOST'] or '127.0.0.1'}",
                f"--port={primary['PORT'] or 5432}",
                f"--username={primary['USER'] or 'postgres'}",
                f"--pgdata={data_dir}",
                "--write-recovery-conf",
                "--wal-method=stream",
                "--checkpoint=fast",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
        timeout=300,
    )
    # Debian keeps the server's configuration outside its data folder: the replica gets its own.
    for name, text in {
        "postgresql.conf": "",
        "pg_hba.conf": "local all all trust\nhost all all 127.0.0.1/32 trust\n",
    }.items():
        (data_dir / name).write_text(text)
        give_to_postgres_user(data_dir / name)
    options = (
        f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={root} "
        f"-c hot_standby=on -c shared_buffers=16MB -c fsync=off {primary_minimums()}"
    )
    pg_ctl = [str(bin_dir / "pg_ctl"), f"--pgdata={data_dir}"]
    try:
        started = subprocess.run(  # noqa: S603
            as_postgres_user([*pg_ctl, f"--options={options}", f"--log={root}/log", "-w", "start"]),
            capture_output=True,
            timeout=120,
        )
        if started.returncode:
            raise RuntimeError(f"The replica did not start:\n{(root / 'log').read_text()}")
        wait_for_port(port)
        replica = StreamingReplica(data_dir=data_dir, port=port)
        replica.wait_until_caught_up()
        yield replica
    finally:
        subprocess.run(  # noqa: S603
            as_postgres_user([*pg_ctl, "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def replica_reads(streaming_replica, settings):
    """The `replica` alias pointed at the streaming replica, and listing reads sent to it."""
    replica_settings = connections[REPLICA].settings_dict
    saved = dict(replica_settings)
    connections[REPLICA].close()
    replica_settings.update(HOST="127.0.0.1", PORT=streaming_replica.port)
    settings.DATABASE_REPLICA_READS = True
    settings.DATABASE_REPLICA_CHECK_SECONDS = 0
    settings.PAGE_CACHE_ENABLED = False
    replica_health.reset()
    streaming_replica.wait_until_caught_up()
    yield streaming_replica
    streaming_replica.run_sql("SELECT pg_wal_replay_resume()")
    connections[REPLICA].close()
    replica_settings.clear()
    replica_settings.update(saved)
    replica_health.reset()


S3_BUCKET = "portal-media"
S3_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "cluster-test",
    "AWS_SECRET_ACCESS_KEY": "cluster-test-secret",
    "AWS_DEFAULT_REGION": "eu-west-2",
}


class S3Server:
    def __init__(self, endpoint: str):
        self.endpoint = endpoint

    @property
    def environment(self) -> dict[str, str]:
        """What a portal process needs to keep its media in the bucket."""
        return {
            **S3_CREDENTIALS,
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": S3_BUCKET,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": S3_CREDENTIALS["AWS_DEFAULT_REGION"],
        }

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=S3_CREDENTIALS["AWS_DEFAULT_REGION"],
            aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def keys(self) -> set[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=S3_BUCKET)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def read(self, key: str) -> bytes:
        return self.client().get_object(Bucket=S3_BUCKET, Key=key)["Body"].read()

    def empty_bucket(self) -> None:
        for key in self.keys():
            self.client().delete_object(Bucket=S3_BUCKET, Key=key)


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 API server on a free loopback port, with an empty bucket."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        wait_for_port(port)
        s3 = S3Server(f"http://127.0.0.1:{port}")
        s3.client().create_bucket(
            Bucket=S3_BUCKET,
            CreateBucketConfiguration={"LocationConstraint": S3_CREDENTIALS["AWS_DEFAULT_REGION"]},
        )
        yield s3
    finally:
        server.stop()


@pytest.fixture
def s3_media(s3_server, settings, monkeypatch):
    """The default storage is the bucket, configured from the environment by the settings."""
    for name, value in s3_server.environment.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage_backend()}
    yield s3_server
    s3_server.empty_bucket()


ROOT = Path(__file__).resolve().parents[2]
HAPROXY_CONFIG = """\
global
  maxconn 256
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend portal
  bind 127.0.0.1:{port}
  use_backend node_a if {{ req.hdr(x-node) -m str a }}
  use_backend node_b if {{ req.hdr(x-node) -m str b }}
  default_backend nodes
backend nodes
  balance roundrobin
  http-response set-header X-Served-By %[srv_name]
  server a 127.0.0.1:{node_a}
  server b 127.0.0.1:{node_b}
backend node_a
  http-response set-header X-Served-By %[srv_name]
  server a 127.0.0.1:{node_a}
backend node_b
  http-response set-header X-Served-By %[srv_name]
  server b 127.0.0.1:{node_b}
"""


class WebCluster:
    """HAProxy on `url` in front of two gunicorn nodes, a and b. A request with the header
    X-Node: a (or b) goes to that node; without it, round robin."""

    def __init__(self, *, url: str, redis_port: int, environment: dict[str, str]):
        self.url, self.redis_port, self.environment = url, redis_port, environment

    def forget_shared_state(self) -> None:
        """Empty the cluster's Redis: rate limits and cached pages from an earlier test."""
        import redis

        redis.Redis(host="127.0.0.1", port=self.redis_port).flushall()


def node_environment(*, database_url: str, redis_url: str, static_root: Path) -> dict[str, str]:
    """`make serve`'s environment: the production settings on loopback, without TLS."""
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "cluster-test-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "0",
        "REDIS_URL": redis_url,
        "STATIC_ROOT": str(static_root),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "MODERATORS_EMAIL": "Bone & Spine Health moderators <moderators@bonespinehealth.org>",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "4",
        "GUNICORN_ACCESS_LOG": "",
    }


@pytest.fixture(scope="session")
def web_cluster(django_db_setup, tmp_path_factory):
    """Two gunicorn nodes with the production settings on the test database and one Redis of
    their own, behind HAProxy from Debian."""
    root = tmp_path_factory.mktemp("web-cluster")
    redis_port, node_a, node_b, balancer = (free_port() for _ in range(4))
    environment = node_environment(
        database_url=primary_url(connections["default"].settings_dict["NAME"]),
        redis_url=f"redis://127.0.0.1:{redis_port}/0",
        static_root=root / "static",
    )
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=300,
    )
    (root / "haproxy.cfg").write_text(
        HAPROXY_CONFIG.format(port=balancer, node_a=node_a, node_b=node_b)
    )
    commands = [
        [
            "redis-server",
            "--port", str(redis_port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
        ],
        *(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py",
             "--bind", f"127.0.0.1:{port}"]
            for port in (node_a, node_b)
        ),
        ["/usr/sbin/haproxy", "-db", "-f", str(root / "haproxy.cfg")],
    ]  # fmt: skip
    processes = []
    try:
        for command, port in zip(commands, (redis_port, node_a, node_b, balancer), strict=True):
            log = (root / f"{Path(command[0]).name}-{port}.log").open("wb")
            processes.append(
                subprocess.Popen(  # noqa: S603
                    command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
                )
            )
            wait_for_port(port, process=processes[-1])
        yield WebCluster(
            url=f"http://127.0.0.1:{balancer}", redis_port=redis_port, environment=environment
        )
    finally:
        for process in reversed(processes):
            stop(process)
