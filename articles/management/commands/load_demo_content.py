from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles import demo


class Command(BaseCommand):
    help = "Fill the portal with demo content (safe to run again: nothing is created twice)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=Path, help="Also import this article file.")
        parser.add_argument(
            "--no-accounts", action="store_true", help="Create content only, no demo accounts."
        )

    def handle(self, *args, seed: Path | None, no_accounts: bool, **options):
        if not no_accounts and not settings.DEMO_ACCOUNTS_ENABLED:
            raise CommandError(demo.DEMO_ACCOUNTS_REFUSED)
        summary = demo.load_articles()
        self.stdout.write(
            f"Articles: {summary['articles']} ({summary['articles_created']} new this run)."
        )
        if seed is not None:
            call_command("import_article", str(seed), "--publish", stdout=self.stdout)
        if not no_accounts:
            email, password = demo.ensure_demo_editor()
            self.stdout.write(f"Demo editor: {email} / {password}  (sign in at /admin/)")
