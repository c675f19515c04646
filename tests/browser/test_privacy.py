"""Private stays private, walked in Chromium: a member probing removed posts and the admin,
and a moderator whose authenticator was switched off."""

import pytest
from playwright.sync_api import expect

from community.forums.models import Post, Thread
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.tests.factories import enrol_totp
from tests.browser.test_forums import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def removed_post(live_server, settings):
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0
    group = SupportGroupFactory(name="Living with back pain", slug="back-pain")
    thread = make_thread(group=group, title="Talking to my GP", body="How did you start?")
    reply = make_reply(thread=thread, body="My neighbour's full name and address, by mistake.")
    Post.objects.filter(pk=reply.pk).update(is_deleted=True)
    return {"group": group, "thread": thread, "reply": reply}


def test_a_member_probing_removed_posts_and_the_admin_learns_nothing(
    page, live_server, removed_post, screenshot
):
    attacker = ExperiencedMemberFactory(member_records__display_name="Curious Cat")
    sign_in(page, live_server, attacker)
    secret = "neighbour's full name"

    for path in [
        f"/forums/p/{removed_post['reply'].pk}/edit/",
        f"/forums/p/{removed_post['reply'].pk}/report/",
        f"/forums/p/{removed_post['reply'].pk}/history/",
        f"/forums/t/{removed_post['thread'].pk}/reply/?quote=abc",
        f"/forums/t/{removed_post['thread'].pk}/reply/?quote={removed_post['reply'].pk}",
        "/forums/p/99999999999999999999999/edit/",
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("body")).not_to_contain_text(secret)
    page.goto(f"{live_server.url}/forums/p/{removed_post['reply'].pk}/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("We can't find that page")

    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is not available to you")
    expect(page).to_have_url(f"{live_server.url}/admin/")
    screenshot("privacy-member-at-admin")


def test_a_moderator_without_a_second_factor_has_no_moderator_powers_until_enrolled(
    page, live_server, removed_post
):
    moderator = ExperiencedMemberFactory(member_records__display_name="Careful Kestrel")
    removed_post["group"].moderators.add(moderator)
    thread = removed_post["thread"]
    sign_in(page, live_server, moderator)

    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Moderate this thread")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("neighbour's full name")

    enrol_totp(moderator)
    page.reload()
    page.get_by_role("button", name="Lock").click()
    expect(page.get_by_role("button", name="Unlock")).to_be_visible()
    assert Thread.objects.get(pk=thread.pk).locked
