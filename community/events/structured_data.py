"""schema.org Event data for search engines, shown in the event page's head as JSON-LD."""

from django.conf import settings

from portal.links import absolute_url, site_url

from .models import Event, Format

SCHEMA = "https://schema.org/"
ATTENDANCE_MODES = {
    Format.IN_PERSON: "OfflineEventAttendanceMode",
    Format.ONLINE: "OnlineEventAttendanceMode",
    Format.HYBRID: "MixedEventAttendanceMode",
}


def _place(event: Event) -> dict:
    address = {
        "@type": "PostalAddress",
        "streetAddress": ", ".join(line.strip() for line in event.address.splitlines() if line),
        "postalCode": event.postcode,
        "addressCountry": "GB" if event.region and event.region != "online" else "",
    }
    if event.region and event.region != "online":
        address["addressRegion"] = event.get_region_display()
    place = {
        "@type": "Place",
        "name": event.venue_name or event.title,
        "address": {key: value for key, value in address.items() if value},
    }
    if event.latitude is not None and event.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(event.latitude),
            "longitude": float(event.longitude),
        }
    return place


def event_json_ld(event: Event) -> dict:
    """The event page's URL stands for the online location: the join link is private.
    Needs the confirmed_count annotation for availability."""
    page_url = absolute_url(event.get_absolute_url())
    locations = []
    if event.is_in_person:
        locations.append(_place(event))
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": page_url})
    organiser = {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME, "url": site_url()}
    if event.group_id is not None:
        organiser["name"] = f"{event.group.name} ({settings.WAGTAIL_SITE_NAME})"
        organiser["url"] = absolute_url(event.group.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description,
        "url": page_url,
        "startDate": event.local_start.isoformat(),
        "endDate": event.local_end.isoformat(),
        "eventStatus": SCHEMA + ("EventCancelled" if event.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + ATTENDANCE_MODES[event.format],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": organiser,
        "isAccessibleForFree": True,
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "GBP",
            "url": page_url,
            "availability": SCHEMA + ("SoldOut" if event.is_full else "InStock"),
            "validFrom": event.created_at.isoformat(),
        },
    }
    if event.capacity is not None:
        data["maximumAttendeeCapacity"] = event.capacity
        data["remainingAttendeeCapacity"] = event.seats_left
    return data
