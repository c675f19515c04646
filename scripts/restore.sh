#!/usr/bin/env bash
# Restore a backup made by backup.sh: replaces the database's contents and the media folder.
# Usage: DATABASE_URL=... MEDIA_ROOT=... scripts/restore.sh backups/<timestamp>.dump
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is required}"
dump=${1:?Usage: restore.sh FILE.dump}
media_archive="${dump%.dump}-media.tar.gz"
media_root=${MEDIA_ROOT:-media}
test -f "$dump" || { echo "No such backup: $dump" >&2; exit 2; }
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --dbname="$DATABASE_URL" "$dump"
if [ -f "$media_archive" ]; then
  rm -rf "$media_root"
  mkdir -p "$media_root"
  tar -xzf "$media_archive" -C "$media_root"
fi
echo "Restored $dump"
