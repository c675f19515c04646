#!/usr/bin/env bash
# Restore a backup made by backup.sh: replaces the database's contents and the media folder.
# Usage: DATABASE_URL=... MEDIA_ROOT=... scripts/restore.sh backups/<timestamp>.dump
# With media on S3-compatible storage the bucket's contents are replaced (see backup.sh).
set -euo pipefail
source "$(dirname "$0")/media-storage.sh"
: "${DATABASE_URL:?DATABASE_URL is required}"
dump=${1:?Usage: restore.sh FILE.dump}
media_archive="${dump%.dump}-media.tar.gz"
media_root=${MEDIA_ROOT:-media}
test -f "$dump" || { echo "No such backup: $dump" >&2; exit 2; }
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --dbname="$DATABASE_URL" "$dump"
if [ -f "$media_archive" ] && [ "$media_storage" = s3 ]; then
  run_media_archive import "$media_archive" >/dev/null
elif [ -f "$media_archive" ]; then
  rm -rf "$media_root"
  mkdir -p "$media_root"
  tar -xzf "$media_archive" -C "$media_root"
fi
echo "Restored $dump"
