"""A moderator's day on the public site, in Chromium: hide a post and restore it (the author
is told each time), lock a thread with a confirmation; a suspended member sees a notice
instead of the reply box."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from community.forums.models import Post, Suspension
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.tests.factories import TEST_PASSWORD, enrol_totp
from tests.browser.conftest import sign_in_with_totp
from tests.browser.test_forums import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def busy_thread(live_server, settings):
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0
    settings.FORUM_NOTIFICATION_DELAY = None
    group = SupportGroupFactory(name="Exercise and movement", slug="exercise")
    author = ExperiencedMemberFactory(member_records__display_name="Brisk Walker")
    thread = make_thread(group=group, author=author, title="Morning stretches")
    reply = make_reply(thread=thread, author=author, body="Buy my miracle bone pills today!")
    moderator = ExperiencedMemberFactory(member_records__display_name="Moderator Mo")
    group.moderators.add(moderator)
    secret = enrol_totp(moderator)
    return {
        "thread": thread,
        "reply": reply,
        "moderator": moderator,
        "secret": secret,
        "author": author,
    }


def test_a_moderator_hides_and_restores_a_post_and_locks_the_thread(
    page, live_server, busy_thread, mailoutbox, screenshot
):
    thread, reply = busy_thread["thread"], busy_thread["reply"]
    sign_in_with_totp(
        page,
        live_server.url,
        email=busy_thread["moderator"].email,
        password=TEST_PASSWORD,
        secret=busy_thread["secret"],
    )
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    post = page.locator(f"#post-{reply.position}")

    post.get_by_label("Reason (sent to the author)").fill("Advertising is not allowed")
    post.get_by_role("button", name="Hide post").click()
    expect(page.get_by_text(f"Post #{reply.position} is hidden from members")).to_be_visible()
    assert Post.objects.get(pk=reply.pk).status == Post.Status.HIDDEN
    screenshot("moderation-hidden")

    page.locator(f"#post-{reply.position}").get_by_role("button", name="Restore post").click()
    expect(page.get_by_text(f"Post #{reply.position} is visible again")).to_be_visible()
    assert Post.objects.get(pk=reply.pk).status == Post.Status.VISIBLE
    to_author = [m for m in mailoutbox if m.to == [busy_thread["author"].email]]
    assert any("made it visible again" in m.body for m in to_author)
    assert any("Advertising is not allowed" in m.body for m in to_author)

    page.get_by_role("button", name="Lock").click()
    expect(page.get_by_text("Thread locked")).to_be_visible()
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_text("Thread unlocked")).to_be_visible()


def test_a_suspended_member_sees_a_notice_not_the_reply_box(page, live_server, busy_thread):
    member = ExperiencedMemberFactory()
    Suspension.objects.create(
        user=member, until=timezone.now() + timezone.timedelta(days=3), reason="Cooling off"
    )
    sign_in(page, live_server, member)

    page.goto(f"{live_server.url}{busy_thread['thread'].get_absolute_url()}")

    expect(page.get_by_role("heading", name="Your posting is paused")).to_be_visible()
    expect(page.get_by_role("button", name="Post reply")).to_have_count(0)
