from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.errors import ArticleImportError
from articles.importing import ArticleFormatError, decode_article, parse_article
from articles.selectors import find_article_index
from articles.services import article_import


class Command(BaseCommand):
    help = (
        "Import a plain-text or Markdown article as an ArticlePage. Running it again on the same "
        "file saves a new revision of the same page."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--parent", default="", help="URL path of the article index, e.g. /articles/"
        )
        parser.add_argument("--publish", action="store_true", help="Publish the page at once.")

    def handle(self, *args, file: Path, parent: str, publish: bool, **options):
        try:
            raw = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        try:
            parsed = parse_article(decode_article(raw))
            index_page = find_article_index(path=parent)
            page, created = article_import(parent=index_page, article=parsed, publish=publish)
        except (ArticleFormatError, ArticleImportError) as error:
            raise CommandError(f"Cannot import {file}: {error}") from error
        verb = "Created" if created else "Updated"
        state = "published" if publish else "draft"
        self.stdout.write(f"{verb} {page.title!r} ({state}) at {page.url_path}")
