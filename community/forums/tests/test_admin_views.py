import pytest
from django.urls import reverse
from django.utils.html import escape

from community.forums import services
from community.forums.admin_views import MESSAGE_SENT
from community.forums.errors import ForumError
from community.forums.tests.factories import ExperiencedMemberFactory, make_reply
from community.members.tests.factories import enrol_totp
from portal.pages.tests.factories import build_trust_pages


@pytest.fixture
def moderator_client(client, site_moderator):
    enrol_totp(site_moderator)
    client.force_login(site_moderator)
    return client


def test_the_queue_says_why_a_post_is_urgent_and_offers_private_contact_first(
    moderator_client, crisis_post
):
    page = moderator_client.get(reverse("forums_moderation_queue")).text

    assert "Why it is urgent:" in page
    assert "The post contains the warning-sign words “better off without me”" in page
    assert "&lt;better&gt;" not in page and "<better>" not in page
    contact = page.index("Contact member privately")
    assert contact < page.index('value="warn"') < page.index('value="suspend"')
    assert "quiet.river@example.org" not in page


def test_contacting_a_member_privately_emails_them_from_the_moderators(
    moderator_client, crisis_post, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MODERATORS_EMAIL = "Moderators <moderators@bonespine.example>"
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            reverse("forums_contact_member", args=[crisis_post.pk]),
            {"message": "We read your post. How are you doing right now?"},
            follow=True,
        )

    assert escape(MESSAGE_SENT) in response.text
    [message] = mailoutbox
    assert message.to == ["quiet.river@example.org"]
    assert message.from_email == settings.MODERATORS_EMAIL
    assert message.reply_to == [settings.MODERATORS_EMAIL]
    assert "How are you doing right now?" in message.body
    assert "116 123" in message.body


def test_only_a_moderator_of_the_group_may_contact_its_members(
    client, crisis_post, mailoutbox, django_capture_on_commit_callbacks
):
    outsider = ExperiencedMemberFactory()
    with pytest.raises(ForumError):
        services.member_contact_privately(post=crisis_post, moderator=outsider, message="Hi")
    client.force_login(outsider)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("forums_contact_member", args=[crisis_post.pk]), {"message": "Hello"}
        )

    assert response.status_code in (302, 403)
    assert mailoutbox == []


def test_moderation_emails_come_from_the_moderators_link_the_guidelines_and_take_replies(
    thread, group_moderator, settings, mailoutbox, django_capture_on_commit_callbacks
):
    build_trust_pages()
    settings.MODERATORS_EMAIL = "Moderators <moderators@bonespine.example>"
    member = ExperiencedMemberFactory()
    post = make_reply(thread=thread, author=member, body="Buy my supplements")

    with django_capture_on_commit_callbacks(execute=True):
        services.post_moderate(
            post=post, moderator=group_moderator, action="hide", reason="Advertising"
        )

    [message] = mailoutbox
    assert message.from_email == settings.MODERATORS_EMAIL
    assert message.reply_to == [settings.MODERATORS_EMAIL]
    assert "http://testserver/guidelines/" in message.body
    assert "reply to this email" in message.body
