from datetime import timedelta

from django.core.management.base import BaseCommand

from community.events.services import reminders_send


class Command(BaseCommand):
    help = (
        "Email a reminder to everyone with a place at an event starting soon, once each. "
        "Run hourly from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=float,
            default=None,
            help="Remind about events starting within this many hours (EVENTS_REMINDER_WINDOW).",
        )

    def handle(self, *args, hours=None, **options):
        window = timedelta(hours=hours) if hours is not None else None
        sent = reminders_send(window=window)
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")
