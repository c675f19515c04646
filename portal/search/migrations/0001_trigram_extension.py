"""pg_trgm powers "did you mean" suggestions."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies: list = []
    operations = [TrigramExtension()]
