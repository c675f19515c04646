#!/usr/bin/env bash
# A timestamped backup: the database as a pg_dump custom-format file, and the media folder as
# a tar.gz beside it. Usage: DATABASE_URL=... MEDIA_ROOT=... BACKUP_DIR=... scripts/backup.sh
# With media on S3-compatible storage (MEDIA_STORAGE=s3, or AWS_STORAGE_BUCKET_NAME set), the
# bucket is archived instead, through portal/media_archive.py run by PORTAL_PYTHON with the
# portal's settings (DJANGO_SETTINGS_MODULE and the AWS_* variables from the environment).
set -euo pipefail
source "$(dirname "$0")/media-storage.sh"
: "${DATABASE_URL:?DATABASE_URL is required}"
backup_dir=${BACKUP_DIR:-backups}
media_root=${MEDIA_ROOT:-media}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$backup_dir"
pg_dump --format=custom --no-owner --no-privileges --file="$backup_dir/$stamp.dump" "$DATABASE_URL"
if [ "$media_storage" = s3 ]; then
  run_media_archive export "$backup_dir/$stamp-media.tar.gz" >/dev/null
elif [ -d "$media_root" ]; then
  tar -czf "$backup_dir/$stamp-media.tar.gz" -C "$media_root" .
else
  tar -czf "$backup_dir/$stamp-media.tar.gz" --files-from /dev/null
fi
echo "$backup_dir/$stamp.dump"
