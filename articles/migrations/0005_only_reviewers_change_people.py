"""People are shown on live articles as authors and medical reviewers, so only medical
reviewers change or delete them; editors may still add a new person and choose people."""

from django.db import migrations

PERSON_EDIT = ["change_person", "delete_person"]
REVIEWER_PERSON = ["add_person", "change_person", "delete_person", "view_person"]


def person_permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Medical reviewers"):
        group.permissions.add(*person_permissions(apps, REVIEWER_PERSON))
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(*person_permissions(apps, PERSON_EDIT))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(*person_permissions(apps, PERSON_EDIT))


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_reviewers_publish_only_by_approval")]

    operations = [migrations.RunPython(forwards, backwards)]
