from django.db import migrations, models

import community.members.time_zones
from community.members.time_zones import default_time_zone, time_zone_names


def keep_valid_zones_only(apps, schema_editor):
    """Free-text zones that name a real IANA zone are kept (trimmed); the rest, blank ones
    included, become the site's default."""
    Profile = apps.get_model("members", "Profile")
    default = default_time_zone()
    for profile in Profile.objects.only("pk", "time_zone").iterator():
        zone = profile.time_zone.strip()
        zone = zone if zone in time_zone_names() else default
        if zone != profile.time_zone:
            Profile.objects.filter(pk=profile.pk).update(time_zone=zone)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_profile_name_key_unique"),
    ]

    operations = [
        migrations.RunPython(keep_valid_zones_only, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="profile",
            name="time_zone",
            field=models.CharField(
                default=community.members.time_zones.default_time_zone,
                max_length=64,
                validators=[community.members.time_zones.validate_time_zone],
            ),
        ),
    ]
