import pytest
from django.urls import reverse

from community.events import services
from community.events.permissions import SYSTEM
from community.events.tests.factories import EventSeriesFactory

pytestmark = pytest.mark.django_db


def test_occurrences_created_in_bulk_retire_cached_event_pages(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    series = EventSeriesFactory(title="Thursday stretch and chat")
    client.get(reverse("events:event-list"))
    assert client.get(reverse("events:event-list"))["X-Page-Cache"] == "hit"
    assert client.get(reverse("events:feed-all"))  # cached too, where allowed

    with django_capture_on_commit_callbacks(execute=True):
        services.series_generate_occurrences(series=series, by=SYSTEM)

    assert "Thursday stretch and chat" in client.get(reverse("events:event-list")).text
    assert "Thursday stretch and chat" in client.get(reverse("events:feed-all")).text
