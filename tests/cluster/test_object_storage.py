"""Media on a real S3 API server (moto's, on loopback): images and renditions, documents,
avatars and their deletion with the account, and backup/restore of the bucket."""

import io
import sys

import psycopg
import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model

from articles.tests.factories import ImageFactory, png_bytes
from community.members.models import Profile
from community.members.services import account_delete
from community.members.tests.factories import MemberFactory
from tests.cluster.processes import CLUSTER
from tests.test_backup import database_url, run

pytestmark = [*CLUSTER, pytest.mark.django_db]


def test_images_and_their_renditions_are_kept_in_the_bucket(s3_media):
    image = ImageFactory()
    rendition = image.get_rendition("fill-40x30")

    assert {image.file.name, rendition.file.name} <= s3_media.keys()
    assert rendition.url.startswith(s3_media.endpoint)
    stored = PILImage.open(io.BytesIO(s3_media.read(rendition.file.name)))
    assert stored.size == (40, 30)


def test_two_uploads_with_the_same_name_are_two_files(s3_media):
    first, second = ImageFactory(), ImageFactory()

    assert first.file.name != second.file.name
    assert {first.file.name, second.file.name} <= s3_media.keys()


def test_a_document_link_leads_to_its_bytes_in_the_bucket(s3_media, client):
    document = get_document_model().objects.create(
        title="Exercise plan", file=ContentFile(b"%PDF-1.4 exercise plan", name="plan.pdf")
    )

    response = client.get(document.url)

    assert response.status_code == 302
    assert response["Location"].startswith(s3_media.endpoint)
    assert requests.get(response["Location"], timeout=10).content == b"%PDF-1.4 exercise plan"


def test_an_avatar_is_uploaded_to_the_bucket_and_deleted_with_the_account(
    s3_media, client, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    client.force_login(member)
    profile = Profile.objects.get(user=member)
    upload = ContentFile(png_bytes(size=(300, 300)), name="me.png")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:profile-edit"),
            {
                "display_name": profile.display_name,
                "time_zone": "Europe/London",
                "avatar_upload": upload,
            },
        )
    assert response.status_code == 302
    avatar = Profile.objects.get(user=member).avatar.name
    assert avatar in s3_media.keys()

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=member, keep_posts=True)

    assert avatar not in s3_media.keys()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_bring_the_bucket_back(s3_media, tmp_path):
    default_storage.save("avatars/kept.png", ContentFile(png_bytes()))
    default_storage.save("documents/leaflet.pdf", ContentFile(b"%PDF leaflet"))
    restored_name = f"{connection.settings_dict['NAME']}_media_restore"
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
        admin.execute(f'CREATE DATABASE "{restored_name}"')
    environment = {
        **s3_media.environment,
        "PORTAL_PYTHON": sys.executable,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "BACKUP_DIR": str(tmp_path / "backups"),
    }
    try:
        dump = run(
            "backup.sh",
            env={**environment, "DATABASE_URL": database_url(connection.settings_dict["NAME"])},
        )
        s3_media.empty_bucket()
        default_storage.save("avatars/added-after-the-backup.png", ContentFile(png_bytes()))
        run("restore.sh", dump, env={**environment, "DATABASE_URL": database_url(restored_name)})
    finally:
        with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')

    assert s3_media.keys() == {"avatars/kept.png", "documents/leaflet.pdf"}
    assert s3_media.read("documents/leaflet.pdf") == b"%PDF leaflet"
    assert s3_media.read("avatars/kept.png") == png_bytes()
