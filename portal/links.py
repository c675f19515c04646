"""Absolute URLs for places that have no request: emails, calendars, structured data."""

from django.conf import settings


def site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url: str) -> str:
    """The site's own paths made absolute; URLs that already are absolute stay as they are."""
    if url.startswith(("http://", "https://")):
        return url
    return f"{site_url()}{url}"
