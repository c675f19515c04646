from datetime import timedelta

import pytest
from django.utils import timezone

from community.events.models import Event
from community.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_listed_events_are_upcoming_public_and_not_cancelled(members_only_group, group):
    now = timezone.now()
    listed = {
        EventFactory(title="site-wide"),
        EventFactory(title="public group", group=group),
        EventFactory(title="started, not ended", starts_at=now - timedelta(minutes=30)),
    }
    EventFactory(title="members only", group=members_only_group)
    EventFactory(title="cancelled", status=Event.Status.CANCELLED)
    EventFactory(
        title="over", starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2, hours=-1)
    )

    assert set(Event.objects.listed()) == listed
