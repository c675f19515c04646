from datetime import timedelta

import pytest

from community.events import errors, services
from community.events.errors import EventError
from community.events.models import Event
from community.events.permissions import SYSTEM
from community.events.tests.factories import EventFactory, RSVPFactory
from community.members.tests.factories import enrol_totp

pytestmark = pytest.mark.django_db

CANCELLED_SUBJECT = "[Bone & Spine Health] Cancelled: “{title}”"


def test_cancelling_emails_everyone_booked_or_waiting(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed = RSVPFactory(event=event)
    waiting = RSVPFactory(event=event, status="waitlisted", waitlist_position=1)
    RSVPFactory(event=event, status="cancelled")

    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=SYSTEM)

    event.refresh_from_db()
    assert (event.status, event.sequence) == (Event.Status.CANCELLED, 1)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [confirmed.member.email, waiting.member.email]
    )
    assert {m.subject for m in mailoutbox} == {CANCELLED_SUBJECT.format(title=event.title)}
    assert "has been cancelled" in mailoutbox[0].body


def test_cancelling_twice_changes_and_sends_nothing_more(event, mailoutbox):
    RSVPFactory(event=event)
    services.event_cancel(event=event, by=SYSTEM)

    services.event_cancel(event=event, by=SYSTEM)

    event.refresh_from_db()
    assert event.sequence == 1


def test_only_organisers_of_the_group_and_editors_may_cancel(
    event, organiser, editor, other_group, member
):
    other_organiser = member
    other_group.moderators.add(other_organiser)
    enrol_totp(other_organiser)

    with pytest.raises(EventError) as refusal:
        services.event_cancel(event=event, by=other_organiser)
    assert refusal.value.message == errors.NOT_ALLOWED

    services.event_cancel(event=event, by=organiser)
    assert Event.objects.get(pk=event.pk).is_cancelled


def test_an_organiser_cannot_move_an_event_to_a_group_they_do_not_run(
    event, organiser, other_group
):
    with pytest.raises(EventError):
        services.event_update(event=event, by=organiser, group=other_group)

    assert Event.objects.get(pk=event.pk).group_id == event.group_id


def test_a_new_time_is_emailed_to_attendees_but_a_new_description_is_not(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    attendee = RSVPFactory(event=event)

    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(by=SYSTEM, event=event, description="Now with a guest speaker.")
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            by=SYSTEM,
            event=event,
            starts_at=event.starts_at + timedelta(hours=1),
            ends_at=event.ends_at + timedelta(hours=1),
        )
    assert [m.to for m in mailoutbox] == [[attendee.member.email]]
    event.refresh_from_db()
    assert event.sequence == 2


def test_services_refuse_fields_that_are_not_theirs(event):
    with pytest.raises(TypeError):
        services.event_update(by=SYSTEM, event=event, sequence=99)


def test_an_organiser_creates_events_only_in_their_groups(organiser, group, other_group):
    fields = {"title": "Pilates", "starts_at": EventFactory.build().starts_at}
    fields["ends_at"] = fields["starts_at"] + timedelta(hours=1)

    with pytest.raises(EventError):
        services.event_create(by=organiser, group=other_group, **fields)
    with pytest.raises(EventError):
        services.event_create(by=organiser, group=None, **fields)
    event = services.event_create(by=organiser, group=group, **fields)

    assert (event.slug, event.group) == ("pilates", group)


def test_reserved_words_never_become_an_events_slug():
    assert EventFactory(title="RSVP").slug == "rsvp-event"


def test_every_write_needs_an_actor_with_the_right(event, member):
    """No actor is not the system: a missing or anonymous actor is refused like a stranger."""
    from django.contrib.auth.models import AnonymousUser

    from community.events.tests.factories import EventSeriesFactory

    series = EventSeriesFactory(group=event.group)
    rsvp = RSVPFactory(event=event)
    for nobody in (None, AnonymousUser(), member):
        with pytest.raises(EventError):
            services.event_update(event=event, by=nobody, title="Taken over")
        with pytest.raises(EventError):
            services.event_cancel(event=event, by=nobody)
        with pytest.raises(EventError):
            services.series_generate_occurrences(series=series, by=nobody)
        with pytest.raises(EventError):
            services.series_cancel(series=series, by=nobody)
        with pytest.raises(EventError):
            services.rsvp_cancel(rsvp=rsvp, by=nobody)
    with pytest.raises(TypeError):
        services.event_update(event=event, title="No actor named")  # type: ignore[call-arg]

    event.refresh_from_db()
    assert (event.title, event.status) == ("Leeds bone health meeting", Event.Status.SCHEDULED)
    assert not series.occurrences.exists()


def test_the_system_actor_may_do_what_cron_and_series_need(event):
    from community.events.tests.factories import EventSeriesFactory

    series = EventSeriesFactory(group=event.group)

    assert services.series_generate_occurrences(series=series, by=SYSTEM)
    assert services.event_update(event=event, by=SYSTEM, capacity=5).capacity == 5


def test_typed_fields_cover_what_events_and_series_share():
    from community.events.models import SHARED_FIELDS
    from community.events.services.events import EventDetailsFields

    # The title is shared too, but required: creating services take it as a named argument.
    assert {*EventDetailsFields.__annotations__, "title"} == set(SHARED_FIELDS)
