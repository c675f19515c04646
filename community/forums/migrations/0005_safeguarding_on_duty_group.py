"""Staff in the "Safeguarding on duty" group are emailed at once about every post with a crisis
warning sign, whichever group it is in. Add and remove people as the rota changes."""

from django.db import migrations

GROUP_NAME = "Safeguarding on duty"


def forwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=GROUP_NAME)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0004_seed_crisis_phrases"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
