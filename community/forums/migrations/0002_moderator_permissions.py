"""The site's Moderators group moderates every support group and manages the groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = [
    "moderate_forums",
    "add_supportgroup",
    "change_supportgroup",
    "view_supportgroup",
]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="forums", codename__in=MODERATOR_PERMISSIONS
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0001_initial"),
        ("articles", "0002_editorial_groups_and_medical_review"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
