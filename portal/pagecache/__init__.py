"""A full-page cache for anonymous readers.

Only requests without a session or messages cookie are served from it, and only responses
that set no cookie, used no CSRF token and are not marked private are stored, so a page that
carries member data or a form token can never be served to someone else. Each area of the
site has a generation number in its keys; publishing a page, a new forum post or a changed
event bumps its area's generation, which retires every cached copy at once."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_max_age

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation:{area}"
AREAS = ("pages", "forums", "events")
# Not a cached area but data read on every page (navigation and footer links to pages),
# cached until the page tree changes; new forum posts and events leave it alone.
PAGE_LINKS = "page-links"


def rule_for(path: str) -> tuple[str | None, int]:
    """(area, seconds) for a path; area None means never cache."""
    for prefix, area, seconds in settings.PAGE_CACHE_RULES:
        if path.startswith(prefix):
            return area, seconds
    return None, 0


def generation(area: str) -> int:
    try:
        return cache.get_or_set(GENERATION_KEY.format(area=area), 1, timeout=None) or 1
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)
        return 0


def generations(*areas: str) -> dict[str, int]:
    """The generations of several areas in one cache round trip (versions for fragment keys:
    a fragment keyed by its area's generation is retired with that area)."""
    keys = {GENERATION_KEY.format(area=area): area for area in areas}
    try:
        found = cache.get_many(list(keys))
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)
        return dict.fromkeys(areas, 0)
    return {area: found.get(key) or generation(area) for key, area in keys.items()}


def invalidate(*areas: str) -> None:
    for area in areas:
        key = GENERATION_KEY.format(area=area)
        try:
            if cache.add(key, 2, timeout=None):
                continue
            cache.incr(key)
        except ValueError:
            cache.set(key, 2, timeout=None)
        except Exception:
            logger.warning("Page cache unavailable; could not invalidate %s", area, exc_info=True)


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "preview" not in request.GET
    )


def _storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in cache_control
        and "no-store" not in cache_control
        and get_max_age(response) != 0
        and not getattr(response, "streaming", False)
    )


def _generation_and_page(area: str, key: str):
    """The area's generation and the stored (generation, response) for this key, in one
    cache round trip: a cached page costs one MGET."""
    generation_key = GENERATION_KEY.format(area=area)
    try:
        found = cache.get_many([generation_key, key])
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)
        return 0, None
    current = found.get(generation_key) or generation(area)
    return current, found.get(key)


class AnonymousPageCacheMiddleware:
    """Pages are stored with the generation they were built under; one built before the
    area's generation moved on is not served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        area, seconds = rule_for(request.path)
        if area is None or not _cacheable_request(request):
            return self.get_response(request)
        key = f"pagecache:{area}:{request.get_host()}:{request.get_full_path()}"
        current, stored = _generation_and_page(area, key)
        if current and stored is not None and stored[0] == current:
            cached = stored[1]
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if current and request.method == "GET" and _storable(request, response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            try:
                cache.set(key, (current, response), timeout=seconds)
            except Exception:
                logger.warning("Page cache unavailable; page not stored", exc_info=True)
            response["X-Page-Cache"] = "miss"
        return response
