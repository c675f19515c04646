from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from articles import demo
from articles.errors import ArticleImportError
from articles.importing import ArticleFormatError
from articles.services import ReviewNotAllowed


class Command(BaseCommand):
    help = (
        "Fill the portal with demo content: articles, then every loader in "
        "DEMO_CONTENT_LOADERS (the community), then the --seed article, which the demo editor "
        "submits and the demo reviewer approves. Safe to run again: nothing is created twice."
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
        emails = {}
        if not no_accounts:
            for path in settings.DEMO_CONTENT_LOADERS:
                result = import_string(path)()
                self._print_accounts(result)
                emails.update({role: email for role, email, _ in result["accounts"]})
        if seed is not None:
            self._load_seed(seed, emails)

    def _load_seed(self, seed: Path, emails: dict) -> None:
        users = get_user_model().objects
        editor = users.filter(email=emails.get("editor", "")).first()
        reviewer = users.filter(email=emails.get("medical reviewer", "")).first()
        try:
            page = demo.load_seed_article(raw=seed.read_bytes(), editor=editor, reviewer=reviewer)
        except OSError as error:
            raise CommandError(f"Cannot read {seed}: {error.strerror}") from error
        except (ArticleFormatError, ArticleImportError, ReviewNotAllowed) as error:
            raise CommandError(f"Cannot import {seed}: {error}") from error
        state = "published after medical review" if page.live else "draft awaiting review"
        self.stdout.write(f"Seed article {page.title!r}: {state}, at {page.url}")

    def _print_accounts(self, result: dict) -> None:
        self.stdout.write(f"\nDemo accounts (password for all: {result['password']}):")
        for role, email, totp_secret in result["accounts"]:
            line = f"  {role:<17} {email}"
            if totp_secret:
                line += f"  (authenticator app secret: {totp_secret})"
            self.stdout.write(line)
        self.stdout.write("Staff accounts need the authenticator code to enter /admin/.")
