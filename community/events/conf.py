"""The events app's settings, each with a default; read when used, so tests can override them."""

from datetime import timedelta

from django.conf import settings


def events_per_page() -> int:
    return getattr(settings, "EVENTS_PER_PAGE", 20)


def series_months_ahead() -> int:
    """How far ahead a recurring series has its occurrences created."""
    return getattr(settings, "EVENTS_SERIES_MONTHS_AHEAD", 3)


def reminder_window() -> timedelta:
    """Events starting within this window from now get their reminder."""
    return getattr(settings, "EVENTS_REMINDER_WINDOW", timedelta(hours=24))


def calendar_domain() -> str:
    """The right-hand side of every iCalendar UID: it must never change once feeds are out."""
    return getattr(settings, "EVENTS_CALENDAR_UID_DOMAIN", "events.bonespinehealth.org")


def site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def digest_weekday() -> int:
    """The day of the week (Monday 0) the weekly digest goes out, in each member's zone."""
    return getattr(settings, "DIGEST_WEEKDAY", 0)


def digest_hour() -> int:
    """The local hour from which a member's weekly digest is due that day."""
    return getattr(settings, "DIGEST_HOUR", 8)


def digest_events_ahead() -> timedelta:
    return getattr(settings, "DIGEST_EVENTS_AHEAD", timedelta(days=14))
