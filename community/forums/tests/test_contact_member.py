"""The moderators' "contact member privately" action: who may use it, what the log keeps,
and the per-moderator limit."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from community.forums.admin_views import MESSAGE_SENT
from community.forums.errors import CONTACT_RATE_LIMITED, PRIVATE_MESSAGE_EMPTY
from community.forums.models import ModerationAction
from community.forums.services.moderation import CONTACT_LOGGED
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
)
from community.members.tests.factories import enrol_totp

MESSAGE = "We read your post about the pills. How are you doing right now?"


@pytest.fixture
def other_group_moderator(db):
    moderator = ExperiencedMemberFactory()
    SupportGroupFactory(name="Carers' corner", slug="carers").moderators.add(moderator)
    enrol_totp(moderator)
    return moderator


def contact(client, post, message=MESSAGE, capture=None):
    with capture(execute=True):
        return client.post(reverse("forums_contact_member", args=[post.pk]), {"message": message})


def contacts_logged():
    return ModerationAction.objects.filter(action=ModerationAction.Action.CONTACT)


def test_anonymous_visitors_are_sent_to_sign_in(
    client, crisis_post, mailoutbox, django_capture_on_commit_callbacks
):
    response = contact(client, crisis_post, capture=django_capture_on_commit_callbacks)

    assert response.status_code == 302 and "login" in response["Location"]
    assert mailoutbox == [] and not contacts_logged().exists()


@pytest.mark.parametrize("who", ["other_member", "owner", "other_group_moderator"])
def test_only_a_moderator_of_the_posts_group_may_contact_its_author(
    client, crisis_post, who, request, mailoutbox, django_capture_on_commit_callbacks
):
    user = crisis_post.author if who == "owner" else request.getfixturevalue(who)
    client.force_login(user)

    response = contact(client, crisis_post, capture=django_capture_on_commit_callbacks)

    assert response.status_code in (302, 403)
    assert mailoutbox == [] and not contacts_logged().exists()


@pytest.mark.parametrize("who", ["group_moderator", "site_moderator"])
def test_a_moderator_contacts_the_member_and_the_log_says_who_whom_and_when_but_not_what(
    client, crisis_post, who, request, mailoutbox, django_capture_on_commit_callbacks
):
    moderator = request.getfixturevalue(who)
    client.force_login(moderator)

    response = contact(client, crisis_post, capture=django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert escape(MESSAGE_SENT) in client.get(response["Location"]).text
    [email] = mailoutbox
    assert email.to == ["quiet.river@example.org"] and MESSAGE in email.body
    [logged] = contacts_logged()
    assert (logged.moderator, logged.member, logged.post) == (
        moderator,
        crisis_post.author,
        crisis_post,
    )
    assert logged.created_at is not None
    assert logged.reason == CONTACT_LOGGED and "pills" not in logged.reason
    log_page = client.get(reverse("forums_moderation_log")).text
    assert "Contacted privately" in log_page and "pills" not in log_page


def test_a_moderator_over_the_hourly_limit_is_told_and_keeps_the_message(
    client, crisis_post, group_moderator, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.FORUM_CONTACT_RATE_LIMIT = (2, 3600)
    client.force_login(group_moderator)
    for _ in range(2):
        contact(client, crisis_post, capture=django_capture_on_commit_callbacks)

    response = contact(
        client, crisis_post, message="A third message", capture=django_capture_on_commit_callbacks
    )

    assert response.status_code == 400
    assert escape(CONTACT_RATE_LIMITED.format(limit=2)) in response.text
    assert ">A third message</textarea>" in response.text
    assert len(mailoutbox) == 2 and contacts_logged().count() == 2


def test_the_limit_is_per_moderator(
    client,
    crisis_post,
    group_moderator,
    site_moderator,
    settings,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    settings.FORUM_CONTACT_RATE_LIMIT = (1, 3600)
    client.force_login(group_moderator)
    contact(client, crisis_post, capture=django_capture_on_commit_callbacks)
    client.force_login(site_moderator)

    response = contact(client, crisis_post, capture=django_capture_on_commit_callbacks)

    assert response.status_code == 302 and len(mailoutbox) == 2


def test_an_empty_message_is_refused_with_a_clear_error(
    client, crisis_post, group_moderator, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(group_moderator)

    response = contact(
        client, crisis_post, message="   ", capture=django_capture_on_commit_callbacks
    )

    assert response.status_code == 400
    assert escape(PRIVATE_MESSAGE_EMPTY) in response.text
    assert mailoutbox == [] and not contacts_logged().exists()


def test_a_group_moderator_opens_the_queue_their_safeguarding_alert_links_to(
    client, crisis_post, group_moderator, other_group_moderator, django_assert_max_num_queries
):
    client.force_login(group_moderator)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("forums_moderation_queue"))
    client.force_login(other_group_moderator)
    other_page = client.get(reverse("forums_moderation_queue"))

    assert page.status_code == 200 and "better off without me" in page.text
    assert other_page.status_code == 200 and "better off without me" not in other_page.text


def test_a_member_who_moderates_nothing_still_cannot_enter_the_admin(client, other_member):
    client.force_login(other_member)

    assert client.get(reverse("forums_moderation_queue")).status_code == 403
