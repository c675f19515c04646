from django.db import migrations

PERMISSIONS = [f"{verb}_crisisexample" for verb in ("add", "change", "delete", "view")]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("forums")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # The site's moderators keep the example sentences, as they keep the crisis phrases.
    Group.objects.get_or_create(name="Moderators")[0].permissions.add(
        *Permission.objects.filter(content_type__app_label="forums", codename__in=PERMISSIONS)
    )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Moderators").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="forums", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0012_seed_crisis_examples"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
