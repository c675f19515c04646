"""Community moderators get no rights over images, documents or collections: those belong to
the medically reviewed articles. (Wagtail's own migrations gave its "Moderators" group them.)"""

from django.db import migrations

MEDIA_APPS = ["wagtailimages", "wagtaildocs"]
COLLECTION_CODENAMES = ["add_collection", "change_collection", "delete_collection"]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    media = Permission.objects.filter(content_type__app_label__in=MEDIA_APPS)
    collections = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=COLLECTION_CODENAMES
    )
    for moderators in Group.objects.filter(name="Moderators"):
        moderators.permissions.remove(*media, *collections)
        GroupCollectionPermission.objects.filter(group=moderators).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_only_reviewers_change_people"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("events", "0002_event_permissions"),
        ("forums", "0002_moderator_permissions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
