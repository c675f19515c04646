from django.core.management.base import BaseCommand

from community.events.digest import digests_send


class Command(BaseCommand):
    help = (
        "Email the weekly digest of followed support groups to each member whose local digest "
        "time (DIGEST_WEEKDAY, DIGEST_HOUR in their profile's time zone) has come, once a week. "
        "Run hourly from cron."
    )

    def handle(self, *args, **options):
        sent = digests_send()
        self.stdout.write(f"Sent {sent} digest{'s' if sent != 1 else ''}.")
