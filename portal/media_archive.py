"""Back up and restore uploaded media wherever the default storage keeps them — a bucket on
S3-compatible storage as well as MEDIA_ROOT — as one tar.gz, so `make backup` and
`make restore` work the same on both. Restoring replaces every stored file.

    python -m portal.media_archive export backups/<stamp>-media.tar.gz
    python -m portal.media_archive import backups/<stamp>-media.tar.gz

DJANGO_SETTINGS_MODULE and the storage's variables (MEDIA_STORAGE, AWS_*) come from the
environment, as for manage.py."""

import os
import sys
import tarfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import PurePosixPath


def stored_names(storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}{name}"
    for name in folders:
        yield from stored_names(storage, f"{folder}{name}/")


def export_media(storage, archive_path: str) -> int:
    count = 0
    with tarfile.open(archive_path, "w:gz") as archive:
        for name in stored_names(storage):
            with storage.open(name, "rb") as stored:
                content = stored.read()
            entry = tarfile.TarInfo(name)
            entry.size = len(content)
            archive.addfile(entry, BytesIO(content))
            count += 1
    return count


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise ValueError(f"Refusing to restore {name!r}: outside the media storage")
    return str(path)


def import_media(storage, archive_path: str) -> int:
    from django.core.files import File

    for name in list(stored_names(storage)):
        storage.delete(name)
    count = 0
    with tarfile.open(archive_path, "r:gz") as archive:
        for entry in archive:
            if not entry.isfile():
                continue
            name = _safe_name(entry.name)
            saved = storage.save(name, File(archive.extractfile(entry), name=name))
            if saved != name:
                raise RuntimeError(f"{name} was stored as {saved}")
            count += 1
    return count


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("export", "import"):
        sys.stderr.write("Usage: python -m portal.media_archive export|import FILE.tar.gz\n")
        return 2
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")  # as manage.py
    django.setup()
    from django.core.files.storage import default_storage

    command, archive_path = argv
    action = export_media if command == "export" else import_media
    count = action(default_storage, archive_path)
    sys.stdout.write(f"{command}: {count} media files\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
