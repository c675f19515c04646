"""Editors manage every event and series; Moderators may add, change and view them too, but
only for the support groups they moderate (see community/events/permissions.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SHARED_PERMISSIONS = [
    "add_event",
    "change_event",
    "view_event",
    "add_eventseries",
    "change_eventseries",
    "view_eventseries",
]
EDITOR_ONLY_PERMISSIONS = ["manage_all_events"]


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="events", codename__in=codenames)


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    editors.permissions.add(*_permissions(apps, SHARED_PERMISSIONS + EDITOR_ONLY_PERMISSIONS))
    moderators.permissions.add(*_permissions(apps, SHARED_PERMISSIONS))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    every = _permissions(apps, SHARED_PERMISSIONS + EDITOR_ONLY_PERMISSIONS)
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.remove(*every)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("articles", "0002_editorial_groups_and_medical_review"),
        ("forums", "0002_moderator_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
