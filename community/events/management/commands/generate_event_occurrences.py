from django.core.management.base import BaseCommand

from community.events.models import EventSeries
from community.events.permissions import SYSTEM
from community.events.services import series_generate_occurrences


class Command(BaseCommand):
    help = "Create the coming occurrences of every active event series. Run daily from cron."

    def handle(self, *args, **options):
        created = 0
        for series in EventSeries.objects.filter(status=EventSeries.Status.ACTIVE):
            created += len(series_generate_occurrences(series=series, by=SYSTEM))
        self.stdout.write(f"Created {created} occurrence{'s' if created != 1 else ''}.")
