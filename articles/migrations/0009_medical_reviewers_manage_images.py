"""Medical reviewers may add, choose and change images and documents in every collection, so a
reviewer can replace the file of an image that live articles show: editors cannot (see
articles.forms.ReviewedImageForm)."""

from django.db import migrations

MEDIA = {"wagtailimages": "image", "wagtaildocs": "document"}
ACTIONS = ["add", "change", "choose"]


def forwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")
    root = Collection.objects.filter(depth=1).first()
    reviewers = Group.objects.filter(name="Medical reviewers").first()
    if root is None or reviewers is None:
        return
    for app_label, model in MEDIA.items():
        for action in ACTIONS:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )
            reviewers.permissions.add(permission)
            GroupCollectionPermission.objects.get_or_create(
                group=reviewers, collection=root, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_add_article_feedback"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
