"""What the event pages cost in SQL: the same for a quiet calendar and a busy one, for
visitors, members and organisers."""

import pytest
from django.urls import reverse

from community.events.tests.factories import EventFactory, RSVPFactory
from community.members.tests.factories import MemberFactory
from portal.tests.query_counts import pages_built_on_each_request, queries_for  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_built_on_each_request")]

PAGE_QUERIES = 14


@pytest.fixture(autouse=True)
def _short_pages(settings):
    settings.EVENTS_PER_PAGE = 20


def busy_calendar(*, group, event, events: int, bookings: int) -> None:
    for _ in range(events):
        EventFactory(group=group)
    for member in MemberFactory.create_batch(bookings):
        RSVPFactory(event=event, member=member)


@pytest.mark.parametrize("viewer", ["anonymous", "member", "organiser"])
def test_event_pages_cost_the_same_for_a_quiet_and_a_busy_calendar(
    client, group, event, member, organiser, viewer
):
    if viewer != "anonymous":
        client.force_login(member if viewer == "member" else organiser)
        RSVPFactory(event=event, member=member)
    urls = [reverse("events:event-list"), event.get_absolute_url()]
    quiet = [queries_for(client, url) for url in urls]

    busy_calendar(group=group, event=event, events=30, bookings=2)

    assert [queries_for(client, url) for url in urls] == quiet
    assert max(quiet) <= PAGE_QUERIES
