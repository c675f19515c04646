"""Follow levels for groups and threads, as Discourse has them: the page shows the level in
force, changing it says what it means, and emails follow it."""

import pytest
from django.urls import reverse

from community.forums.models import Subscription
from community.forums.tests.factories import ExperiencedMemberFactory, make_reply, make_thread

pytestmark = pytest.mark.django_db


def follow(client, url, level):
    return client.post(url, {"level": level}, follow=True)


@pytest.mark.parametrize(
    "level,message",
    [
        ("watching", "You are watching"),
        ("following", "You are following"),
        ("muted", "is muted"),
        ("normal", "Back to normal"),
    ],
)
def test_a_member_sets_a_group_level_and_sees_it(client, group, other_member, level, message):
    client.force_login(other_member)

    response = follow(client, reverse("forums:group-subscribe", args=[group.slug]), level)

    assert message in response.text
    assert f'value="{level}" checked' in response.text
    stored = Subscription.objects.filter(user=other_member, group=group).first()
    assert (stored.level if stored else "normal") == level


def test_watching_a_group_can_be_undone_from_the_page(client, group, other_member):
    client.force_login(other_member)
    url = reverse("forums:group-subscribe", args=[group.slug])
    follow(client, url, "watching")

    response = follow(client, url, "normal")

    assert not Subscription.objects.filter(user=other_member, group=group).exists()
    assert 'value="normal" checked' in response.text


def test_threads_cannot_be_followed_only_watched_or_muted(client, thread, other_member):
    client.force_login(other_member)

    response = follow(client, reverse("forums:thread-subscribe", args=[thread.pk]), "following")

    assert "You are not allowed to do that." in response.text
    assert not Subscription.objects.filter(user=other_member, thread=thread).exists()


def test_following_a_group_emails_about_new_threads_not_replies(
    group, author, other_member, mailoutbox, django_capture_on_commit_callbacks
):
    Subscription.objects.create(user=other_member, group=group, level="following")

    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(group=group, author=author, title="Hydrotherapy near Leeds")
    with django_capture_on_commit_callbacks(execute=True):
        make_reply(thread=thread, author=ExperiencedMemberFactory(), body="Try the Y pool.")

    to_follower = [m for m in mailoutbox if m.to == [other_member.email]]
    assert len(to_follower) == 1
    assert "Hydrotherapy near Leeds" in to_follower[0].subject + to_follower[0].body


def test_watching_a_group_emails_about_new_threads_and_replies(
    group, author, other_member, mailoutbox, django_capture_on_commit_callbacks
):
    Subscription.objects.create(user=other_member, group=group, level="watching")

    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(group=group, author=author, title="Pacing on bad days")
    with django_capture_on_commit_callbacks(execute=True):
        make_reply(thread=thread, author=ExperiencedMemberFactory(), body="Little and often.")

    assert len([m for m in mailoutbox if m.to == [other_member.email]]) == 2


def test_muting_a_thread_silences_a_watched_group(
    group, thread, other_member, mailoutbox, django_capture_on_commit_callbacks
):
    Subscription.objects.create(user=other_member, group=group, level="watching")
    Subscription.objects.create(user=other_member, thread=thread, level="muted")

    with django_capture_on_commit_callbacks(execute=True):
        make_reply(thread=thread, author=ExperiencedMemberFactory(), body="Hello")

    assert [m for m in mailoutbox if m.to == [other_member.email]] == []


def test_muting_a_group_silences_its_threads(
    group, thread, other_member, mailoutbox, django_capture_on_commit_callbacks
):
    Subscription.objects.create(user=other_member, thread=thread, level="watching")
    Subscription.objects.create(user=other_member, group=group, level="muted")

    with django_capture_on_commit_callbacks(execute=True):
        make_reply(thread=thread, author=ExperiencedMemberFactory(), body="Hello")

    assert [m for m in mailoutbox if m.to == [other_member.email]] == []


@pytest.mark.parametrize("role", ["anonymous", "other"])
def test_follow_levels_need_a_signed_in_member_who_can_see_the_group(
    client, members_only_group, role
):
    if role == "other":
        client.force_login(ExperiencedMemberFactory())
    url = reverse("forums:group-subscribe", args=[members_only_group.slug])

    response = client.post(url, {"level": "watching"})

    if role == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
        assert not Subscription.objects.exists()
    else:
        assert Subscription.objects.get().level == "watching"


def test_group_threads_sort_by_replies_and_unanswered(client, group, author):
    make_thread(group=group, author=author, title="Quiet thread")
    busy = make_thread(group=group, author=author, title="Busy thread")
    for _ in range(3):
        make_reply(thread=busy, author=ExperiencedMemberFactory())
    url = reverse("forums:group-detail", args=[group.slug])

    by_replies = client.get(url, {"sort": "replies"}).text
    unanswered = client.get(url, {"sort": "unanswered"}).text
    unknown = client.get(url, {"sort": "'; drop table"})

    assert by_replies.index("Busy thread") < by_replies.index("Quiet thread")
    assert "Quiet thread" in unanswered and "Busy thread" not in unanswered
    assert unknown.status_code == 200


def test_new_members_are_told_about_the_link_rule_before_posting(client, thread, settings):
    from community.forums import errors
    from community.members.tests.factories import MemberFactory

    settings.FORUM_NEW_MEMBER_DAYS = 30
    newcomer = MemberFactory()
    client.force_login(newcomer)
    reply_url = reverse("forums:reply", args=[thread.pk])

    form_page = client.get(reply_url).text
    preview = client.post(
        reply_url, {"body": "See https://example.org/calcium for more", "preview": "1"}
    ).text

    assert "Links and images can be posted once you have been a member" in form_page
    assert errors.NEW_MEMBER_NO_LINKS in preview
    assert "See https://example.org/calcium for more" in preview
    assert (
        "Links and images can be posted once you have been a member"
        in client.get(thread.get_absolute_url()).text
    )


def test_experienced_members_see_the_ordinary_help(client, thread, other_member):
    client.force_login(other_member)

    page = client.get(reverse("forums:reply", args=[thread.pk])).text

    assert "[links](https://…)" in page
    assert "Links and images can be posted once" not in page
