from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.services import review_reminders_send


class Command(BaseCommand):
    help = (
        "Email each medical reviewer the articles whose review is overdue or due within 30 "
        "days, each article once per review period. Run daily from cron."
    )

    def handle(self, *args, **options):
        sent = review_reminders_send(today=timezone.localdate())
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")
