import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from community.events.permissions import SYSTEM
from community.events.services import event_cancel, rsvp_create
from community.events.tests.factories import EventFactory
from community.forums import services as forums
from community.forums.tests.factories import ExperiencedMemberFactory, make_reply
from community.members.models import Delivery, NotificationKind
from community.members.selectors import notification_deliveries
from community.notifications.models import Notification
from community.notifications.selectors import MENTION_SUGGESTIONS
from community.notifications.views import (
    ALL_MARKED_READ,
    SETTINGS_SAVED,
    SUGGESTIONS_RATE_LIMITED,
)
from portal.tests.query_counts import pages_built_on_each_request, queries_for  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_built_on_each_request")]

LIST = reverse("notifications:notification-list")
MARK_ALL = reverse("notifications:mark-all-read")
SETTINGS = reverse("notifications:notification-settings")
SUGGESTIONS = reverse("notifications:mention-suggestions")


def replies(thread, count: int):
    return [make_reply(thread=thread) for _ in range(count)]


def detail_url(notification) -> str:
    return reverse("notifications:notification-detail", args=[notification.pk])


# Authorisation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", LIST),
        ("post", MARK_ALL),
        ("get", SETTINGS),
        ("post", SETTINGS),
        ("get", SUGGESTIONS),
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, method, url):
    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_anonymous_visitors_opening_a_notification_are_sent_to_sign_in(client, thread):
    (reply,) = replies(thread, 1)
    notification = Notification.objects.get()

    response = client.get(detail_url(notification))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    notification.refresh_from_db()
    assert notification.is_unread


def test_another_member_cannot_open_or_mark_my_notification(client, thread, other_member):
    replies(thread, 1)
    notification = Notification.objects.get()
    client.force_login(other_member)

    assert client.get(detail_url(notification)).status_code == 404
    client.post(MARK_ALL)

    notification.refresh_from_db()
    assert notification.is_unread


def test_opening_a_notification_marks_it_read_and_lands_on_the_post(client, thread, author):
    (reply,) = replies(thread, 1)
    notification = Notification.objects.get()
    client.force_login(author)

    response = client.get(detail_url(notification))

    assert response.status_code == 302
    assert response.url == reply.get_absolute_url()
    final = client.get(response.url)
    assert final.url.endswith(f"#post-{reply.position}")
    notification.refresh_from_db()
    assert not notification.is_unread


def test_opening_an_event_notification_lands_on_the_event(client, author):
    event = EventFactory(title="Chair yoga")
    rsvp_create(event=event, member=author)
    event_cancel(event=event, by=SYSTEM)
    client.force_login(author)

    response = client.get(detail_url(Notification.objects.get(recipient=author)))

    assert response.url == event.get_absolute_url()
    assert client.get(response.url).status_code == 200


def test_a_moderator_cannot_open_a_members_notification(client, thread, group):
    from community.members.tests.factories import with_powers

    replies(thread, 1)
    moderator = with_powers(ExperiencedMemberFactory(), moderates=group)
    client.force_login(moderator)

    assert client.get(detail_url(Notification.objects.get())).status_code == 404


def test_a_notification_about_a_post_hidden_since_answers_404(client, thread, author, group):
    from community.members.tests.factories import with_powers

    (reply,) = replies(thread, 1)
    moderator = with_powers(ExperiencedMemberFactory(), moderates=group)
    forums.post_moderate(post=reply, moderator=moderator, action="hide")
    client.force_login(author)

    assert client.get(detail_url(Notification.objects.get(kind="reply"))).status_code == 404


def test_mark_all_as_read_needs_a_post_and_marks_only_mine(client, thread, author, other_member):
    replies(thread, 3)
    other_thread = forums.thread_create(
        group=thread.group, author=other_member, title="Other", body="Hello"
    )
    make_reply(thread=other_thread)
    client.force_login(author)

    assert client.get(MARK_ALL).status_code == 405
    response = client.post(MARK_ALL, follow=True)

    assert ALL_MARKED_READ in response.content.decode()
    assert Notification.objects.filter(recipient=author, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=other_member, read_at__isnull=True).count() == 1


def test_mark_all_as_read_refuses_a_post_without_csrf_token(thread, author):
    from django.test import Client

    replies(thread, 1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)

    assert client.post(MARK_ALL).status_code == 403
    assert Notification.objects.get().is_unread


# The list and the bell ----------------------------------------------------------------------


def test_the_list_shows_newest_first_with_unread_highlighted(client, thread, author):
    first, second = replies(thread, 2)
    Notification.objects.filter(post=first).update(read_at="2026-01-01T00:00Z")
    client.force_login(author)

    page = client.get(LIST).content.decode()

    second_at = page.index(f'href="{detail_url(Notification.objects.get(post=second))}"')
    first_at = page.index(f'href="{detail_url(Notification.objects.get(post=first))}"')
    assert second_at < first_at
    assert page.count("notification--unread") == 1
    assert 'aria-label="Notifications, 1 unread"' in page


def test_the_bell_counts_unread_notifications_on_every_page(client, thread, author):
    replies(thread, 3)
    client.force_login(author)

    page = client.get(reverse("forums:group-list")).content.decode()

    assert 'aria-label="Notifications, 3 unread"' in page
    assert '<span class="bell__count" aria-hidden="true">3</span>' in page


def test_anonymous_pages_have_no_bell_and_no_notification_query(client, thread):
    replies(thread, 2)
    url = reverse("forums:group-list")
    client.get(url)

    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()

    assert "Notifications," not in page
    assert not any("notifications_notification" in q["sql"] for q in captured.captured_queries)


def bell_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return sum("notifications_notification" in q["sql"] for q in captured.captured_queries)


def test_the_bell_counts_once_then_costs_no_query_whatever_the_number_of_notifications(
    client, thread, author
):
    url = reverse("forums:group-list")
    client.force_login(author)

    assert bell_queries(client, url) == 1
    assert bell_queries(client, url) == 0
    replies(thread, 12)
    assert bell_queries(client, url) == 1
    assert bell_queries(client, url) == 0
    assert 'aria-label="Notifications, 12 unread"' in client.get(url).text


def test_the_bell_counts_a_new_notification_at_once(
    client, author, django_capture_on_commit_callbacks
):
    url = reverse("forums:group-list")
    client.force_login(author)
    assert 'aria-label="Notifications, 0 unread"' in client.get(url).text
    event = EventFactory()
    rsvp_create(event=event, member=author)

    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, by=SYSTEM)  # no forum change: only the member's bell moves

    assert 'aria-label="Notifications, 1 unread"' in client.get(url).text


def test_the_bell_empties_when_notifications_are_read(
    client, thread, author, django_capture_on_commit_callbacks
):
    url = reverse("forums:group-list")
    first, _ = replies(thread, 2)
    client.force_login(author)
    assert 'aria-label="Notifications, 2 unread"' in client.get(url).text

    with django_capture_on_commit_callbacks(execute=True):
        client.get(detail_url(Notification.objects.get(post=first)))
    assert 'aria-label="Notifications, 1 unread"' in client.get(url).text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(MARK_ALL)
    assert 'aria-label="Notifications, 0 unread"' in client.get(url).text


def test_the_bell_stops_counting_a_notification_about_a_post_hidden_since(
    client, thread, author, site_moderator
):
    url = reverse("forums:group-list")
    (reply,) = replies(thread, 1)
    client.force_login(author)
    assert 'aria-label="Notifications, 1 unread"' in client.get(url).text

    forums.post_moderate(post=reply, moderator=site_moderator, action="hide", reason="Spam")

    assert 'aria-label="Notifications, 0 unread"' in client.get(url).text


def test_one_members_count_is_never_shown_to_another(client, thread, author, other_member):
    url = reverse("forums:group-list")
    replies(thread, 2)
    client.force_login(author)
    assert 'aria-label="Notifications, 2 unread"' in client.get(url).text

    client.force_login(other_member)

    assert 'aria-label="Notifications, 0 unread"' in client.get(url).text


def test_the_list_costs_the_same_for_few_and_many_notifications(client, thread, author, settings):
    client.force_login(author)
    replies(thread, 2)
    few = queries_for(client, LIST)
    replies(thread, 25)
    for post in thread.posts.all()[:4]:
        forums.reaction_toggle(post=post, user=ExperiencedMemberFactory(), kind="support")
    for _ in range(3):
        event = EventFactory()
        rsvp_create(event=event, member=author)
        event_cancel(event=event, by=SYSTEM)

    many = queries_for(client, LIST)

    assert few == many
    assert many <= 10


def test_the_list_is_paginated(client, thread, author):
    replies(thread, 23)
    client.force_login(author)

    assert client.get(LIST).content.decode().count('class="notification ') == 20
    assert client.get(LIST + "?page=2").content.decode().count('class="notification ') == 3


# Settings -----------------------------------------------------------------------------------


def test_the_settings_page_shows_each_kind_with_its_current_choice(client, author):
    client.force_login(author)

    page = client.get(SETTINGS).content.decode()

    for kind in NotificationKind:
        assert escape(kind.label) in page
    assert 'name="mention" value="email" required id="id_mention_1" checked' in page


def test_settings_are_saved_together_with_a_confirmation(client, author):
    client.force_login(author)
    choices = dict.fromkeys(NotificationKind.values, Delivery.SITE)
    choices[NotificationKind.REACTION] = Delivery.OFF

    response = client.post(SETTINGS, choices, follow=True)

    assert SETTINGS_SAVED in response.content.decode()
    assert notification_deliveries(user=author) == choices


def test_a_bad_setting_saves_nothing_and_keeps_the_other_choices(client, author):
    client.force_login(author)
    choices = dict.fromkeys(NotificationKind.values, Delivery.OFF)
    choices[NotificationKind.REPLY] = "carrier-pigeon"

    response = client.post(SETTINGS, choices)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert 'name="reaction" value="off" required id="id_reaction_2" checked' in page
    assert notification_deliveries(user=author)[NotificationKind.REACTION] == Delivery.SITE


def test_the_notifications_page_links_to_the_settings(client, author):
    client.force_login(author)

    assert f'href="{SETTINGS}"' in client.get(LIST).content.decode()


# Mention suggestions ------------------------------------------------------------------------


def set_name(member, name):
    member.profile.display_name = name
    member.profile.save()
    return member


def test_suggestions_list_active_members_whose_name_starts_with_the_prefix(client, author):
    set_name(ExperiencedMemberFactory(), "Sam Lee")
    set_name(ExperiencedMemberFactory(), "samira")
    gone = set_name(ExperiencedMemberFactory(), "Samuel Gone")
    gone.is_active = False
    gone.save()
    set_name(ExperiencedMemberFactory(), "Alex Sam")
    client.force_login(author)

    response = client.get(SUGGESTIONS, {"q": "sam"})

    assert response.json() == {"names": ["Sam Lee", "samira"]}


def test_suggestions_are_capped(client, author):
    for number in range(MENTION_SUGGESTIONS + 3):
        set_name(ExperiencedMemberFactory(), f"Robin {number:02d}")
    client.force_login(author)

    assert len(client.get(SUGGESTIONS, {"q": "rob"}).json()["names"]) == MENTION_SUGGESTIONS


def test_suggestions_are_rate_limited(client, author, settings):
    settings.MENTION_SUGGESTIONS_RATE_LIMIT = (2, 60)
    client.force_login(author)
    client.get(SUGGESTIONS, {"q": "a"})
    client.get(SUGGESTIONS, {"q": "ab"})

    response = client.get(SUGGESTIONS, {"q": "abc"})

    assert response.status_code == 429
    assert response.json() == {"error": SUGGESTIONS_RATE_LIMITED}


def test_the_composer_points_its_at_menu_at_the_suggestions(client, thread, author):
    client.force_login(author)

    page = client.get(reverse("forums:reply", args=[thread.pk])).content.decode()

    assert f'data-mentions="{SUGGESTIONS}"' in page
    assert "js/mentions.js" in page
    assert "Mention a member with @" in page


def test_the_quick_reply_on_the_thread_page_has_the_at_menu_too(client, thread, author):
    client.force_login(author)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert f'data-mentions="{SUGGESTIONS}"' in page
    assert "js/mentions.js" in page
