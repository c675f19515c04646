"""Retire the cached footer links whenever a page is published, unpublished, moved or deleted.
Cache upkeep only, like portal/seo/signals.py; new forum posts leave the links cached."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.pagecache import invalidate

LINKS_AREA = "standing-pages"


def _pages_changed(**kwargs):
    invalidate(LINKS_AREA)


def connect() -> None:
    from wagtail.models import Page

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_pages_changed, dispatch_uid=f"trust-links-{signal}")
    post_delete.connect(_pages_changed, sender=Page, dispatch_uid="trust-links-page-delete")
