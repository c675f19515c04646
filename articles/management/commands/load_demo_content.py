from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from articles import demo


class Command(BaseCommand):
    help = (
        "Fill the portal with demo content: articles, then every loader in "
        "DEMO_CONTENT_LOADERS (the community). Safe to run again: nothing is created twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=Path, help="Also import this article file.")
        parser.add_argument(
            "--no-accounts",
            action="store_true",
            help="Articles only: no demo accounts and no demo community.",
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
        if no_accounts:
            return
        for path in settings.DEMO_CONTENT_LOADERS:
            result = import_string(path)()
            self._print_accounts(result)

    def _print_accounts(self, result: dict) -> None:
        self.stdout.write(f"\nDemo accounts (password for all: {result['password']}):")
        for role, email, totp_secret in result["accounts"]:
            line = f"  {role:<17} {email}"
            if totp_secret:
                line += f"  (authenticator app secret: {totp_secret})"
            self.stdout.write(line)
        self.stdout.write("Staff accounts need the authenticator code to enter /admin/.")
