"""A member watches a group; another replies there and mentions them through the composer's
@ menu; the first sees the bell's count, opens the notification and lands on the post."""

import re

import pytest
from playwright.sync_api import expect

from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_thread,
)
from community.members.tests.factories import TEST_PASSWORD
from tests.browser.test_tour import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_load_state()


def test_a_mentioned_member_follows_the_bell_to_the_post(
    page, live_server, settings, csp_violations, screenshot
):
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0
    settings.FORUM_NOTIFICATION_DELAY = None
    group = SupportGroupFactory(name="Living with back pain", slug="back-pain")
    starter = ExperiencedMemberFactory(member_records__display_name="Hopeful Heron")
    heron_watcher = ExperiencedMemberFactory(member_records__display_name="Steady Oak")
    replier = ExperiencedMemberFactory(member_records__display_name="Quiet Willow")
    thread = make_thread(
        group=group,
        author=starter,
        title="Sleeping after a spinal fracture",
        body="Which position helped you sleep in the first weeks?",
    )
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    sign_in(page, live_server, heron_watcher)
    page.goto(f"{live_server.url}{group.get_absolute_url()}")
    page.get_by_label("Watching").check()
    page.get_by_role("button", name="Save notification setting").click()
    expect(page.locator(".follow-form legend")).to_contain_text("Watching")
    expect(page.get_by_role("link", name="Notifications, 0 unread")).to_be_visible()

    sign_in(page, live_server, replier)
    page.goto(f"{live_server.url}/forums/t/{thread.pk}/reply/")
    body = page.locator("#id_body")
    body.click()
    body.press_sequentially("Ask @stea")
    option = page.get_by_role("option", name="@Steady Oak")
    expect(option).to_be_visible()
    expect(option).to_have_attribute("aria-selected", "true")
    assert serious_violations(page) == []
    screenshot("notifications-mention-menu")
    body.press("Enter")
    expect(body).to_have_value("Ask @Steady Oak ")
    body.press_sequentially("about the rolled towel: it helped them.")
    page.get_by_role("button", name="Post reply").click()
    reply = page.locator("#post-2")
    expect(reply.get_by_role("link", name="@Steady Oak")).to_have_attribute(
        "href", "/members/Steady%20Oak/"
    )

    sign_in(page, live_server, heron_watcher)
    page.goto(f"{live_server.url}/forums/")
    bell = page.get_by_role("link", name="Notifications, 1 unread")
    expect(bell).to_be_visible()
    screenshot("notifications-bell")
    bell.click()
    expect(page.get_by_role("heading", name="Notifications", exact=True)).to_be_visible()
    item = page.get_by_role(
        "link", name="Quiet Willow mentioned you in “Sleeping after a spinal fracture”"
    )
    expect(item).to_be_visible()
    assert serious_violations(page) == []
    screenshot("notifications-list")
    item.click()

    expect(page).to_have_url(re.compile(r"/forums/t/\d+/[\w-]+/\?page=1#post-2$"))
    expect(page.locator("#post-2")).to_be_in_viewport(ratio=1)
    expect(page.locator("#post-2")).to_contain_text("it helped them.")
    expect(page.get_by_role("link", name="Notifications, 0 unread")).to_be_visible()
    screenshot("notifications-landed")

    page.goto(f"{live_server.url}/notifications/")
    page.get_by_role("link", name="Notification settings").click()
    page.get_by_role("group", name="Reactions to my posts").get_by_label("Off").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your notification settings have been saved.")).to_be_visible()
    expect(
        page.get_by_role("group", name="Reactions to my posts").get_by_label("Off")
    ).to_be_checked()
    assert serious_violations(page) == []
    screenshot("notifications-settings", full_page=True)
    assert errors == []
    assert csp_violations == []
