"""The IANA time zones members and events choose from, and the site's default."""

from functools import lru_cache
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError

UNKNOWN_TIME_ZONE = "Please choose a time zone from the list, such as Europe/London."


@lru_cache(maxsize=1)
def time_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def default_time_zone() -> str:
    """PORTAL_DEFAULT_TIME_ZONE, else the site's TIME_ZONE."""
    return getattr(settings, "PORTAL_DEFAULT_TIME_ZONE", None) or settings.TIME_ZONE


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(UNKNOWN_TIME_ZONE, code="time_zone")


def time_zone_label(name: str) -> str:
    """ "New York (America/New_York)": the city first, as people look for it."""
    city = name.rsplit("/", 1)[-1].replace("_", " ")
    return name if city == name else f"{city} ({name})"


def time_zone_choices() -> list[tuple[str, str]]:
    """The site's default first, then every zone in order of its city, so typing a city's
    first letters in the select finds it."""
    default = default_time_zone()
    others = sorted((name for name in time_zone_names() if name != default), key=time_zone_label)
    return [(name, time_zone_label(name)) for name in [default, *others]]
