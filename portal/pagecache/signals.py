"""Keep the anonymous page cache honest: whatever changes what readers see retires the cached
copies of its area. Cache upkeep only; no business logic lives here."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import PAGE_LINKS, invalidate


def _pages_changed(**kwargs):
    invalidate("pages", "forums", "events", PAGE_LINKS)


def _page_content_changed(**kwargs):
    """Sites, view restrictions and what pages show of people, topics and images: cached
    served pages and their fragments hold them (articles.serving)."""
    invalidate("pages", PAGE_LINKS)


def _forums_changed(**kwargs):
    invalidate("forums", "pages")


def _events_changed(**kwargs):
    invalidate("events", "pages")


def connect() -> None:
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site

    from articles.models import Person, Topic
    from community.events.models import RSVP, Event
    from community.forums.models import Post, SupportGroup, Thread

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_pages_changed, dispatch_uid=f"pagecache-{signal}")
    post_delete.connect(_pages_changed, sender=Page, dispatch_uid="pagecache-page-delete")
    for model in (Site, PageViewRestriction, Person, Topic, get_image_model()):
        post_save.connect(_page_content_changed, sender=model, dispatch_uid=f"pagecache-{model}")
        post_delete.connect(
            _page_content_changed, sender=model, dispatch_uid=f"pagecache-d-{model}"
        )
    for model in (Post, Thread, SupportGroup):
        post_save.connect(_forums_changed, sender=model, dispatch_uid=f"pagecache-{model}")
        post_delete.connect(_forums_changed, sender=model, dispatch_uid=f"pagecache-d-{model}")
    for model in (Event, RSVP):
        post_save.connect(_events_changed, sender=model, dispatch_uid=f"pagecache-{model}")
        post_delete.connect(_events_changed, sender=model, dispatch_uid=f"pagecache-d-{model}")
