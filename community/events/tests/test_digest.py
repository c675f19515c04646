"""The weekly digest: what it says, when each member gets it, once a week, and how to stop it."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from community.events import digest
from community.events.models import DigestDelivery
from community.events.tests.factories import EventFactory
from community.forums.models import Post, Subscription, Thread
from community.forums.tests.factories import SupportGroupFactory, make_reply, make_thread
from community.members.tests.factories import MemberFactory
from portal.mail import unsubscribe_token

pytestmark = pytest.mark.django_db

# Monday 7 January 2030, 07:00 UTC: 08:00 in Berlin, 16:00 in Tokyo, still 07:00 in London
# and 02:00 in New York.
MONDAY_7_UTC = datetime(2030, 1, 7, 7, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _forum_settings(settings):
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0
    settings.FORUM_POST_RATE_LIMIT = (10_000, 600)
    settings.DIGEST_WEEKDAY = 0
    settings.DIGEST_HOUR = 8


def reader(zone: str = "Europe/London", *, wants_digest: bool = True):
    member = MemberFactory()
    member.profile.time_zone = zone
    member.profile.weekly_digest = wants_digest
    member.profile.save()
    return member


def follow(member, group, level=Subscription.Level.WATCHING):
    Subscription.objects.create(user=member, group=group, level=level)


def digests_in(mailoutbox) -> list:
    """The digests among the emails (following a group also brings its forum notifications)."""
    return [message for message in mailoutbox if message.subject.endswith(digest.SUBJECT)]


def due_now(settings, member) -> None:
    """Make the member's digest due at the real current time."""
    settings.DIGEST_WEEKDAY = (
        timezone.now().astimezone(ZoneInfo(member.profile.time_zone)).weekday()
    )
    settings.DIGEST_HOUR = 0


@pytest.fixture
def groups():
    return {
        "walking": SupportGroupFactory(name="Walking group", slug="walking"),
        "carers": SupportGroupFactory(name="Carers", slug="carers", visibility="members"),
        "other": SupportGroupFactory(name="Not followed", slug="other"),
    }


# Content ------------------------------------------------------------------------------------


def test_the_digest_lists_the_weeks_busiest_threads_and_coming_events_of_followed_groups(
    groups,
):
    member = reader()
    follow(member, groups["walking"])
    follow(member, groups["carers"], Subscription.Level.FOLLOWING)
    quiet = make_thread(group=groups["walking"], title="Quiet thread")
    busy = make_thread(group=groups["carers"], title="Busy thread")
    make_reply(thread=busy)
    make_reply(thread=busy)
    make_thread(group=groups["other"], title="Thread elsewhere")
    old = make_thread(group=groups["walking"], title="Last month's thread")
    Post.objects.filter(thread=old).update(created_at=timezone.now() - timedelta(days=30))
    Thread.objects.filter(pk=old.pk).update(last_post_at=timezone.now() - timedelta(days=30))
    soon = EventFactory(group=groups["walking"], title="Saturday walk")
    EventFactory(group=groups["other"], title="Elsewhere")
    EventFactory(
        group=groups["walking"],
        title="Far off",
        starts_at=timezone.now() + timedelta(days=40),
        ends_at=timezone.now() + timedelta(days=40, hours=1),
    )

    result = digest.digest_for(member, now=timezone.now())

    assert [thread.title for thread in result.threads] == [busy.title, quiet.title]
    assert [thread.week_posts for thread in result.threads] == [3, 1]
    assert result.events == [soon]


def test_muted_groups_and_muted_threads_are_left_out(groups):
    member = reader()
    follow(member, groups["walking"], Subscription.Level.MUTED)
    follow(member, groups["other"])
    make_thread(group=groups["walking"], title="In a muted group")
    muted = make_thread(group=groups["other"], title="Muted thread")
    Subscription.objects.create(user=member, thread=muted, level=Subscription.Level.MUTED)

    assert digest.digest_for(member, now=timezone.now()).is_empty


def test_threads_the_member_cannot_see_are_left_out(groups):
    member = reader()
    follow(member, groups["walking"])
    removed = make_thread(group=groups["walking"], title="Removed thread")
    Thread.objects.filter(pk=removed.pk).update(is_removed=True)
    waiting = make_thread(group=groups["walking"], title="Waiting for approval")
    Post.objects.filter(thread=waiting).update(status=Post.Status.PENDING)
    hidden = make_thread(group=groups["walking"], title="Only hidden posts this week")
    Post.objects.filter(thread=hidden).update(status=Post.Status.HIDDEN)

    assert digest.digest_for(member, now=timezone.now()).threads == []


def test_the_email_has_the_threads_events_in_the_readers_zone_and_the_opt_out(
    settings, groups, mailoutbox, django_capture_on_commit_callbacks
):
    member = reader("America/New_York")
    follow(member, groups["walking"])
    thread = make_thread(group=groups["walking"], title="Best shoes for walking?")
    event = EventFactory(group=groups["walking"], title="Saturday walk", time_zone="Europe/London")
    due_now(settings, member)

    with django_capture_on_commit_callbacks(execute=True):
        assert digest.digests_send() == 1

    (email,) = digests_in(mailoutbox)
    assert email.to == [member.email]
    assert "Best shoes for walking? (Walking group): 1 new post" in email.body
    assert thread.get_absolute_url() in email.body
    assert "Saturday walk (Walking group)" in email.body
    assert "(Europe/London time)" in email.body
    assert "In your time zone (America/New_York)" in email.body
    assert event.get_absolute_url() in email.body
    unsubscribe = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in email.alternatives[0][0]


# Who is due when -----------------------------------------------------------------------------


def test_each_member_is_due_from_the_digest_hour_in_their_own_zone():
    berlin, tokyo = reader("Europe/Berlin"), reader("Asia/Tokyo")
    london, new_york = reader("Europe/London"), reader("America/New_York")
    reader("Europe/Berlin", wants_digest=False)

    due_at_7 = {profile.user for profile, _ in digest.members_due(MONDAY_7_UTC)}
    due_at_13 = {profile.user for profile, _ in digest.members_due(MONDAY_7_UTC.replace(hour=13))}

    assert due_at_7 == {berlin, tokyo}
    assert due_at_13 == {berlin, tokyo, london, new_york}


def test_nobody_is_due_on_other_days_and_the_week_is_the_local_date():
    reader("Pacific/Auckland")  # already Tuesday there at 13:00 UTC on Monday

    assert digest.members_due(MONDAY_7_UTC.replace(hour=13)) == []
    (entry,) = digest.members_due(datetime(2030, 1, 6, 20, 0, tzinfo=UTC))
    assert entry[1] == datetime(2030, 1, 7).date()
    assert entry[0].time_zone == "Pacific/Auckland"


def test_a_member_who_had_this_weeks_digest_is_not_due_again():
    member = reader("Europe/Berlin")
    DigestDelivery.objects.create(member=member, week_of=MONDAY_7_UTC.date(), sent=True)

    assert digest.members_due(MONDAY_7_UTC) == []
    next_week = MONDAY_7_UTC + timedelta(days=7)
    assert [profile.user for profile, _ in digest.members_due(next_week)] == [member]


# Once a week ----------------------------------------------------------------------------------


def test_running_the_command_twice_sends_one_digest(
    settings, groups, capsys, mailoutbox, django_capture_on_commit_callbacks
):
    member = reader()
    follow(member, groups["walking"])
    make_thread(group=groups["walking"])
    due_now(settings, member)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_weekly_digest")
        call_command("send_weekly_digest")

    assert capsys.readouterr().out == "Sent 1 digest.\nSent 0 digests.\n"
    assert len(digests_in(mailoutbox)) == 1
    assert DigestDelivery.objects.get(member=member).sent


def test_a_week_with_nothing_new_sends_nothing_and_is_not_tried_again(
    settings, groups, mailoutbox, django_capture_on_commit_callbacks
):
    member = reader()
    follow(member, groups["walking"])
    due_now(settings, member)

    with django_capture_on_commit_callbacks(execute=True):
        assert digest.digests_send() == 0
        make_thread(group=groups["walking"])
        assert digest.digests_send() == 0

    assert digests_in(mailoutbox) == []
    assert not DigestDelivery.objects.get(member=member).sent


# Opting out -----------------------------------------------------------------------------------


def test_members_who_have_not_asked_get_no_digest(settings, groups):
    member = reader(wants_digest=False)
    follow(member, groups["walking"])
    make_thread(group=groups["walking"])
    due_now(settings, member)

    assert digest.digests_send() == 0
    assert not DigestDelivery.objects.exists()


def stop_link(member) -> str:
    token = unsubscribe_token(user_id=member.pk, scope=digest.UNSUBSCRIBE_SCOPE, target="weekly")
    return reverse("members:unsubscribe", args=[token])


def test_the_digest_carries_the_one_click_link_that_stops_it(
    settings, groups, mailoutbox, django_capture_on_commit_callbacks
):
    member = reader()
    follow(member, groups["walking"])
    make_thread(group=groups["walking"], title="Saturday walk")
    due_now(settings, member)
    with django_capture_on_commit_callbacks(execute=True):
        digest.digests_send()
    (email,) = digests_in(mailoutbox)
    link = re.search(r"<(https?://[^>]+)>", email.extra_headers["List-Unsubscribe"]).group(1)

    assert urlsplit(link).path == stop_link(member)
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_signed_link_stops_the_digest_with_one_button(client):
    member = reader()

    page = client.get(stop_link(member))
    assert page.status_code == 200 and "Stop these emails?" in page.text
    member.profile.refresh_from_db()
    assert member.profile.weekly_digest

    response = client.post(stop_link(member))

    assert response.status_code == 200
    assert "the weekly digest of your groups" in response.text
    member.profile.refresh_from_db()
    assert not member.profile.weekly_digest


def test_mail_clients_one_click_post_needs_no_session_or_csrf_token():
    from django.test import Client

    member = reader()

    response = Client(enforce_csrf_checks=True).post(
        stop_link(member),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    member.profile.refresh_from_db()
    assert not member.profile.weekly_digest


@pytest.mark.parametrize("token", ["nonsense", "eyJ1IjoxfQ:1abc:forged"])
def test_a_forged_link_changes_nothing(client, token):
    member = reader()

    response = client.post(reverse("members:unsubscribe", args=[token]))

    assert response.status_code == 400
    member.profile.refresh_from_db()
    assert member.profile.weekly_digest


def test_another_members_token_stops_only_that_members_digest(client):
    member, other = reader(), reader()

    client.post(stop_link(other))

    member.profile.refresh_from_db()
    other.profile.refresh_from_db()
    assert member.profile.weekly_digest and not other.profile.weekly_digest
