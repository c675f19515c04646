import re
from urllib.parse import urlparse

import pytest
from django.core import signing
from django.core.management import call_command
from django.urls import reverse

from community.forums import services
from community.forums.models import ModerationAction, PendingNotification, Subscription
from community.forums.notifications.emails import moderation_outcome_email
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.models import NotificationPreference
from community.members.services import UNSUBSCRIBE_INVALID
from portal.mail import unsubscribe_token

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_replies_sends_one_email_per_watcher(settings, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    group = SupportGroupFactory()
    starter, watcher, group_watcher, replier = (ExperiencedMemberFactory() for _ in range(4))
    thread = make_thread(group=group, author=starter)
    services.subscription_set(user=watcher, thread=thread, level="watching")
    services.subscription_set(user=group_watcher, group=group, level="watching")

    for number in range(5):
        make_reply(thread=thread, author=replier, body=f"Reply number {number}")
    run_worker()

    recipients = sorted(message.to[0] for message in mailoutbox)
    assert recipients == sorted([starter.email, watcher.email, group_watcher.email])
    digest = next(m for m in mailoutbox if m.to == [watcher.email])
    assert "5 new replies" in digest.subject
    assert all(f"Reply number {n}" in digest.body for n in range(5))
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not PendingNotification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_muted_members_and_the_author_get_no_email(settings, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    group = SupportGroupFactory()
    starter, muted, replier = (ExperiencedMemberFactory() for _ in range(3))
    thread = make_thread(group=group, author=starter)
    services.subscription_set(user=muted, group=group, level="watching")
    services.subscription_set(user=muted, thread=thread, level="muted")

    make_reply(thread=thread, author=replier)
    run_worker()

    assert [message.to for message in mailoutbox] == [[starter.email]]


@pytest.mark.django_db(transaction=True)
def test_members_who_turned_reply_emails_off_get_none(settings, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    starter = ExperiencedMemberFactory()
    starter.profile.notify_replies = False
    starter.profile.save()
    thread = make_thread(author=starter)

    make_reply(thread=thread)
    run_worker()

    assert mailoutbox == []


def test_unsubscribe_link_works_without_login(
    client, thread, author, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_reply(thread=thread)
    message = mailoutbox[-1]
    link = re.search(r"https?://\S+/members/unsubscribe/\S+/", message.body).group(0)
    path = urlparse(link).path

    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert client.get(path).status_code == 200
    response = client.post(path)

    assert response.status_code == 200
    assert Subscription.objects.get(user=author, thread=thread).level == "muted"


def test_one_click_post_from_a_mail_client_mutes_the_thread_without_csrf_token(
    thread, author, mailoutbox, django_capture_on_commit_callbacks
):
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=True):
        make_reply(thread=thread)
    link = mailoutbox[-1].extra_headers["List-Unsubscribe"].strip("<>")

    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(urlparse(link).path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert Subscription.objects.get(user=author, thread=thread).level == "muted"


def test_links_sent_before_the_move_still_unsubscribe(client, thread, author):
    legacy = signing.dumps({"u": author.pk, "t": thread.pk}, salt="forums.unsubscribe")

    response = client.post(reverse("forums:unsubscribe", args=[legacy]))

    assert response.status_code == 200
    assert Subscription.objects.get(user=author, thread=thread).level == "muted"


def test_tampered_unsubscribe_token_is_refused(client, thread, author):
    token = unsubscribe_token(user_id=author.pk, scope="thread", target=thread.pk)
    payload, signature = token.rsplit(":", 1)
    forged = signing.dumps({"u": author.pk + 1, "t": thread.pk}, salt="something-else")

    for bad in (f"{payload}:{signature[:-2]}xx", forged, "garbage"):
        response = client.post(reverse("members:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert UNSUBSCRIBE_INVALID in response.text
    assert Subscription.objects.get(user=author, thread=thread).level == "watching"


def test_moderation_outcome_email_unsubscribes_from_emails_but_not_the_site(client, thread, author):
    post = thread.posts.get(position=1)
    message = moderation_outcome_email(
        member=author, post=post, action=ModerationAction.Action.HIDE, reason="Off topic"
    )
    link = message.extra_headers["List-Unsubscribe"].strip("<>")

    assert message.subject.startswith("[Bone & Spine Health] ")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    client.post(urlparse(link).path, {"List-Unsubscribe": "One-Click"})

    preference = NotificationPreference.objects.get(user=author, kind="moderation")
    assert preference.delivery == "site"


CRISIS_TEXT = "Honestly I can’t go on, I have been thinking of taking all my tablets at once"


def all_text(message) -> str:
    parts = [message.subject, message.body]
    parts += [content for content, _ in getattr(message, "alternatives", [])]
    return "\n".join(parts)


@pytest.mark.django_db(transaction=True)
def test_a_crisis_post_is_quoted_in_no_email_and_moderators_hear_at_once(settings, mailoutbox):
    from datetime import timedelta

    from django.contrib.auth.models import Group

    settings.TASKS = DATABASE_TASKS
    settings.FORUM_NOTIFICATION_DELAY = timedelta(minutes=10)
    settings.MODERATORS_EMAIL = "Moderators <moderators@bonespine.example>"
    group = SupportGroupFactory()
    starter, watcher, member_in_crisis = (ExperiencedMemberFactory() for _ in range(3))
    group_moderator, on_duty, other_groups_moderator = (
        ExperiencedMemberFactory() for _ in range(3)
    )
    group.moderators.add(group_moderator)
    SupportGroupFactory().moderators.add(other_groups_moderator)
    on_duty.groups.add(Group.objects.get(name=settings.FORUM_SAFEGUARDING_GROUP))
    thread = make_thread(group=group, author=starter)
    services.subscription_set(user=watcher, group=group, level="watching")

    post = make_reply(thread=thread, author=member_in_crisis, body=CRISIS_TEXT)
    run_worker()

    alerted = sorted(message.to[0] for message in mailoutbox)
    assert alerted == sorted([group_moderator.email, on_duty.email, settings.MODERATORS_EMAIL])
    inbox_copy = next(m for m in mailoutbox if m.to == [settings.MODERATORS_EMAIL])
    assert "moderators' shared inbox" in inbox_copy.body
    assert f"http://testserver{post.get_absolute_url()}" in inbox_copy.body
    alert = mailoutbox[0]
    assert alert.from_email == settings.MODERATORS_EMAIL
    assert "needs a moderator now" in alert.subject
    assert f"http://testserver{post.get_absolute_url()}" in alert.body
    assert PendingNotification.objects.count() == 2  # the watchers' digest waits its turn

    settings.FORUM_NOTIFICATION_DELAY = None
    make_reply(thread=thread, author=ExperiencedMemberFactory(), body="Sending you a hug.")
    run_worker()

    digests = [message for message in mailoutbox if message.to[0] in (starter.email, watcher.email)]
    assert len([m for m in mailoutbox if m.to == [settings.MODERATORS_EMAIL]]) == 1
    assert len(digests) == 2
    assert "Sending you a hug." in digests[0].body
    assert f"http://testserver{post.get_absolute_url()}" in digests[0].body
    for message in mailoutbox:
        text = all_text(message)
        for fragment in ("go on", "tablets", "at once", "can’t"):
            assert fragment not in text, (message.to, fragment)


def test_a_thread_opened_in_crisis_keeps_its_title_out_of_reply_emails(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    starter = ExperiencedMemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(author=starter, title="I want to end it all", body="Nothing helps.")
        make_reply(thread=thread, body="We're here. Please call Samaritans on 116 123.")

    digest = next(message for message in mailoutbox if message.to == [starter.email])
    assert "end it all" not in all_text(digest)
    assert "a thread you watch" in digest.subject


def test_an_edit_that_adds_a_warning_sign_alerts_moderators_once(
    settings, thread, author, group_moderator, mailoutbox, django_capture_on_commit_callbacks
):
    reply = make_reply(thread=thread, author=author, body="Bad day with my back.")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_edit(post=reply, editor=author, body="I don't want to be here any more")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_edit(post=reply, editor=author, body="I don't want to be here anymore.")

    assert [message.to for message in mailoutbox] == [
        [group_moderator.email],
        [settings.MODERATORS_EMAIL],
    ]
    reply.refresh_from_db()
    assert reply.is_urgent and "not want to be here" in reply.urgent_reason


def test_the_shared_inbox_gets_no_second_copy_when_it_is_a_moderators_own_address(
    settings, thread, author, group_moderator, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MODERATORS_EMAIL = f"Moderators <{group_moderator.email.upper()}>"
    with django_capture_on_commit_callbacks(execute=True):
        make_reply(thread=thread, author=author, body="I want to end it all")

    assert [message.to for message in mailoutbox] == [[group_moderator.email]]


def test_no_shared_inbox_copy_when_none_is_configured(
    settings, thread, author, group_moderator, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MODERATORS_EMAIL = ""
    with django_capture_on_commit_callbacks(execute=True):
        make_reply(thread=thread, author=author, body="I want to end it all")

    assert [message.to for message in mailoutbox] == [[group_moderator.email]]
