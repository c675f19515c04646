# Sourced by backup.sh and restore.sh: where media are kept, decided as portal/settings/base.py
# decides it, and how to reach a bucket.
if [ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]; then
  media_storage=${MEDIA_STORAGE:-s3}
else
  media_storage=${MEDIA_STORAGE:-filesystem}
fi
portal_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run_media_archive() {
  PYTHONPATH="$portal_root${PYTHONPATH:+:$PYTHONPATH}" "${PORTAL_PYTHON:-python3}" \
    -m portal.media_archive "$@"
}
