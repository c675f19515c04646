#!/usr/bin/env bash
# A timestamped backup: the database as a pg_dump custom-format file, and the media folder as
# a tar.gz beside it. Usage: DATABASE_URL=... MEDIA_ROOT=... BACKUP_DIR=... scripts/backup.sh
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is required}"
backup_dir=${BACKUP_DIR:-backups}
media_root=${MEDIA_ROOT:-media}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$backup_dir"
pg_dump --format=custom --no-owner --no-privileges --file="$backup_dir/$stamp.dump" "$DATABASE_URL"
if [ -d "$media_root" ]; then
  tar -czf "$backup_dir/$stamp-media.tar.gz" -C "$media_root" .
else
  tar -czf "$backup_dir/$stamp-media.tar.gz" --files-from /dev/null
fi
echo "$backup_dir/$stamp.dump"
