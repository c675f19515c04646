from django.db import migrations


def fill_name_keys(apps, schema_editor):
    """Existing names get their key; where two existing names already look alike, the later
    one's key carries its id so the unique constraint can be added (both members keep their
    name)."""
    from community.members.names import name_key

    Profile = apps.get_model("members", "Profile")
    seen = set()
    for profile in Profile.objects.order_by("pk").iterator():
        key = name_key(profile.display_name)
        if key in seen:
            key = f"{key}#{profile.pk}"
        seen.add(key)
        Profile.objects.filter(pk=profile.pk).update(name_key=key)


class Migration(migrations.Migration):
    dependencies = [("members", "0003_add_profile_name_key")]

    operations = [migrations.RunPython(fill_name_keys, migrations.RunPython.noop)]
