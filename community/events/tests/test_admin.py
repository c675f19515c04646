"""Events in the Wagtail admin: Editors manage every event, a group's organisers only theirs."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from community.events import errors
from community.events.models import Event, EventSeries
from community.events.tests.factories import EventFactory, RSVPFactory
from community.events.tests.test_validation import event_data, series_data

pytestmark = pytest.mark.django_db

TODAY = f"{date.today():%Y-%m-%d}"


@pytest.fixture
def theirs(other_group):
    return EventFactory(group=other_group, title="Bristol back pain talk")


@pytest.fixture
def ours(group):
    return EventFactory(group=group, title="Leeds walking group")


def edit_url(event) -> str:
    return reverse("events_admin:edit", args=[event.pk])


def test_an_organiser_lists_only_their_groups_events(client, organiser, ours, theirs):
    client.force_login(organiser)

    response = client.get(reverse("events_admin:index"))

    assert response.status_code == 200
    assert "Leeds walking group" in response.text
    assert "Bristol back pain talk" not in response.text


def test_an_organiser_cannot_open_another_groups_event(client, organiser, theirs):
    client.force_login(organiser)

    assert client.get(edit_url(theirs)).status_code == 404
    assert client.get(reverse("events_admin:history", args=[theirs.pk])).status_code == 404


def test_an_organiser_cannot_edit_another_groups_event(client, organiser, theirs):
    client.force_login(organiser)

    response = client.post(edit_url(theirs), event_data(group=theirs.group_id, title="Hijacked"))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.title, theirs.sequence) == ("Bristol back pain talk", 0)


def test_an_organiser_edits_their_groups_event_and_the_sequence_rises(
    client, organiser, group, ours
):
    client.force_login(organiser)
    assert client.get(edit_url(ours)).status_code == 200

    response = client.post(edit_url(ours), event_data(group=group.pk, title="Leeds walk"))

    assert response.status_code == 302
    ours.refresh_from_db()
    assert (ours.title, ours.sequence) == ("Leeds walk", 1)


def test_an_organiser_cannot_move_an_event_to_another_group(client, organiser, ours, other_group):
    client.force_login(organiser)

    response = client.post(edit_url(ours), event_data(group=other_group.pk))

    assert response.status_code == 200
    assert errors.GROUP_NOT_YOURS in response.text
    ours.refresh_from_db()
    assert ours.group_id != other_group.pk


def test_an_organiser_cannot_add_an_event_to_another_group(client, organiser, other_group):
    client.force_login(organiser)

    response = client.post(reverse("events_admin:add"), event_data(group=other_group.pk))

    assert response.status_code == 200
    assert errors.GROUP_NOT_YOURS in response.text
    assert not Event.objects.exists()


def test_an_organiser_must_choose_one_of_their_groups(client, organiser):
    client.force_login(organiser)

    response = client.post(reverse("events_admin:add"), event_data(group=""))

    assert errors.GROUP_REQUIRED in response.text
    assert not Event.objects.exists()


def test_an_organiser_adds_an_event_to_their_group(client, organiser, group):
    client.force_login(organiser)

    response = client.post(reverse("events_admin:add"), event_data(group=group.pk))

    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.group, event.slug, event.sequence) == (group, "walking-for-stronger-bones", 0)
    assert f"{event.local_start:%Y-%m-%d %H:%M %Z}" == "2030-05-01 18:00 BST"


def test_an_editor_edits_any_groups_event(client, editor, theirs):
    client.force_login(editor)

    response = client.post(edit_url(theirs), event_data(group=theirs.group_id, title="Renamed"))

    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.title == "Renamed"


def test_an_editor_may_leave_an_event_without_a_group(client, editor):
    client.force_login(editor)

    response = client.post(reverse("events_admin:add"), event_data(group=""))

    assert response.status_code == 302
    assert Event.objects.get().group is None


def test_the_admin_refuses_an_event_that_ends_before_it_starts(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("events_admin:add"), event_data(local_end="2030-05-01 17:00", capacity="-3")
    )

    assert response.status_code == 200
    assert errors.END_BEFORE_START in response.text
    assert errors.NEGATIVE_CAPACITY in response.text
    assert not Event.objects.exists()


def test_cancelling_in_the_admin_emails_everyone_booked_or_waiting(
    client, editor, ours, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed = RSVPFactory(event=ours)
    waiting = RSVPFactory(event=ours, status="waitlisted", waitlist_position=1)
    RSVPFactory(event=ours, status="cancelled")
    client.force_login(editor)
    data = event_data(group=ours.group_id, status="cancelled", title=ours.title)
    data.update(
        local_start=f"{ours.local_start:%Y-%m-%d %H:%M}",
        local_end=f"{ours.local_end:%Y-%m-%d %H:%M}",
        venue_name=ours.venue_name,
        address=ours.address,
        postcode=ours.postcode,
        capacity=ours.capacity,
        description=ours.description,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(ours), data)

    assert response.status_code == 302
    ours.refresh_from_db()
    assert (ours.status, ours.sequence) == ("cancelled", 1)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [confirmed.member.email, waiting.member.email]
    )
    assert all(m.subject.startswith("[Bone & Spine Health] Cancelled") for m in mailoutbox)


def test_members_without_admin_access_are_kept_out(client, member, ours):
    client.force_login(member)

    assert client.get(edit_url(ours)).status_code == 403
    assert client.get(reverse("events_admin:index")).status_code == 403


def test_an_organiser_creates_a_series_and_its_occurrences_appear(client, organiser, group):
    client.force_login(organiser)

    response = client.post(
        reverse("event_series_admin:add"), series_data(group=group.pk, starts_on=TODAY)
    )

    assert response.status_code == 302, response.text
    series = EventSeries.objects.get()
    assert series.group == group
    assert series.occurrences.count() >= 3
    assert {f"{e.local_start:%H:%M}" for e in series.occurrences.all()} == {"10:00"}


def test_an_organiser_cannot_open_another_groups_series(client, organiser, other_group):
    series = EventSeries.objects.create(
        title="Bristol pilates",
        group=other_group,
        frequency="weekly",
        weekday=0,
        start_time="10:00",
        starts_on="2030-01-01",
    )
    client.force_login(organiser)

    assert client.get(reverse("event_series_admin:edit", args=[series.pk])).status_code == 404
    assert "Bristol pilates" not in client.get(reverse("event_series_admin:index")).text


def test_editing_a_series_in_the_admin_changes_its_future_occurrences(client, editor, group):
    client.force_login(editor)
    client.post(reverse("event_series_admin:add"), series_data(group=group.pk, starts_on=TODAY))
    series = EventSeries.objects.get()
    count = series.occurrences.count()
    assert count >= 3

    response = client.post(
        reverse("event_series_admin:edit", args=[series.pk]),
        series_data(
            group=group.pk, starts_on=TODAY, start_time="11:15", title="Chair yoga (new time)"
        ),
    )

    assert response.status_code == 302
    assert series.occurrences.count() == count
    occurrences = series.occurrences.filter(starts_at__gt=timezone.now())
    assert {f"{e.local_start:%H:%M}" for e in occurrences} == {"11:15"}
    assert {e.title for e in occurrences} == {"Chair yoga (new time)"}


@pytest.mark.parametrize("name", ["events_admin:add", "event_series_admin:add"])
def test_the_add_forms_open_with_the_organisers_groups_only(
    client, organiser, group, other_group, name
):
    client.force_login(organiser)

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert group.name in response.text
    assert other_group.name not in response.text


def test_the_event_list_in_the_admin_has_bounded_queries(
    client, editor, group, django_assert_max_num_queries
):
    for _ in range(30):
        EventFactory(group=group)
    client.force_login(editor)

    with django_assert_max_num_queries(40):
        assert client.get(reverse("events_admin:index")).status_code == 200
