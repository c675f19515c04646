#!/usr/bin/env bash
# The whole benchmark (`make bench`): a bench database at 10k and then 1M posts, gunicorn
# with 2 workers and the production settings on loopback, wrk for each page with and without
# the anonymous page cache, then bench/results.md and bench/results.png.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

export DJANGO_SETTINGS_MODULE=portal.settings.production
export SECRET_KEY=bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyzABCD
export ALLOWED_HOSTS=127.0.0.1,localhost
BENCH_DB=${BENCH_DB:-portal_bench}
REDIS_DB=${BENCH_REDIS_DB:-1}
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$BENCH_DB
export REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false
export MODERATORS_EMAIL=${MODERATORS_EMAIL:-"Bench moderators <moderators@bonespinehealth.org>"}
export STATIC_ROOT=bench/.static
PORT=${BENCH_PORT:-8765}
BASE=http://127.0.0.1:$PORT
POSTS=${BENCH_POSTS:-1000000}
SECONDS_PER_PAGE=${BENCH_SECONDS:-8}
BIN=.venv/bin
SERVER_PID=""

stop_server() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=""
}
trap stop_server EXIT

start_server() {  # $1: page cache on (true/false)
  redis-cli -n "$REDIS_DB" flushdb >/dev/null
  PAGE_CACHE_ENABLED=$1 GUNICORN_BIND=127.0.0.1:$PORT WEB_CONCURRENCY=2 GUNICORN_ACCESS_LOG= GUNICORN_MAX_REQUESTS=0 \
    $BIN/gunicorn -c gunicorn.conf.py >bench/.gunicorn.log 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 60); do
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "gunicorn did not start; see bench/.gunicorn.log" >&2
  exit 1
}

measure() {  # $1: label (10k, 1M)
  for cache in true false; do
    start_server "$cache"
    local name="$1-$([ "$cache" = true ] && echo cached || echo uncached)"
    BENCH_SEARCH=$([ "$cache" = true ] && echo 0 || echo 1) BENCH_MEMBERS=$([ "$cache" = true ] && echo 0 || echo 1) \
      $BIN/python bench/load.py --base "$BASE" --label "$name" --seconds "$SECONDS_PER_PAGE" \
      --out "bench/.raw-$name.json"
    stop_server
  done
}

if [ "${BENCH_ONLY:-}" = "1M" ]; then  # measure the existing large database again
  measure 1M
  $BIN/python bench/report.py --posts "$POSTS"
  exit 0
fi

echo "== bench database"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)"
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $BENCH_DB"
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py collectstatic --noinput -v0

echo "== 10k posts"
time $BIN/python bench/generate.py --posts 10000
measure 10k

if [ "${BENCH_LARGE:-1}" = "0" ]; then  # 10k only (quick; the 1M columns stay empty)
  $BIN/python bench/report.py --posts "$POSTS"
  exit 0
fi

echo "== $POSTS posts"
time $BIN/python bench/generate.py --posts "$POSTS"
measure 1M

$BIN/python bench/report.py --posts "$POSTS"
echo "Wrote bench/results.md and bench/results.png"
