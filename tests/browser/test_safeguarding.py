import re
import time
from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.tests.factories import TEST_PASSWORD, enrol_totp
from portal.pages.tests.factories import build_trust_pages
from tests.browser.conftest import sign_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CRISIS_TEXT = "I don’t want to be here any more.\nEveryone would be better off without me."


@pytest.fixture
def community(live_server, settings):
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0
    settings.FORUM_NOTIFICATION_DELAY = None
    build_trust_pages()
    group = SupportGroupFactory(name="Living with back pain", slug="back-pain")
    moderator = ExperiencedMemberFactory(member_records__display_name="Moderator Maya")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    group.moderators.add(moderator)
    member = ExperiencedMemberFactory(member_records__display_name="Quiet River")
    thread = make_thread(
        group=group,
        author=ExperiencedMemberFactory(member_records__display_name="Hopeful Heron"),
        title="Bad nights after a vertebral fracture",
        body="How is everyone sleeping this week?",
    )
    return {"thread": thread, "member": member, "moderator": moderator}


def sign_in(page, live_server, user, *, totp_secret=None):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    if totp_secret:
        code = format_hotp_value(hotp_value(totp_secret, int(time.time()) // 30))
        page.locator("#id_code").fill(code)
        page.get_by_role("button", name="Sign In").click()


def test_a_member_in_crisis_sees_support_at_once_and_moderators_are_emailed(
    page, live_server, community, screenshot
):
    thread, member, moderator = community["thread"], community["member"], community["moderator"]
    sign_in(page, live_server, member)
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")

    page.locator("#id_body").fill(CRISIS_TEXT)
    page.get_by_role("button", name="Post reply").click()

    banner = page.get_by_role("alert").filter(has_text="You don't have to face this alone")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("116 123")
    expect(page.locator("#post-2")).to_contain_text("Everyone would be better off without me.")
    screenshot("safeguarding-crisis-banner", full_page=True)
    alerts = [message for message in mail.outbox if message.to == [moderator.email]]
    assert len(alerts) == 1
    assert "better off" not in alerts[0].body


def test_every_footer_link_answers_200(page, live_server, community, screenshot):
    page.goto(f"{live_server.url}/")
    footer = page.get_by_role("navigation", name="About this site")
    links = footer.get_by_role("link")
    expect(links).to_have_text(
        [
            "About us",
            "Community guidelines",
            "Privacy notice",
            "Accessibility statement",
            "Contact us",
        ]
    )
    screenshot("safeguarding-footer", full_page=True)
    hrefs = [links.nth(n).get_attribute("href") for n in range(links.count())]
    for href in hrefs:
        response = page.goto(f"{live_server.url}{href}")
        assert response.status == 200, href
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot("safeguarding-contact", full_page=True)


def test_the_moderator_sees_why_a_post_was_flagged_and_contacts_the_member_privately(
    page, live_server, community, screenshot
):
    thread, member, moderator = community["thread"], community["member"], community["moderator"]
    make_reply(thread=thread, author=member, body=CRISIS_TEXT)
    secret = enrol_totp(moderator)
    sign_in(page, live_server, moderator, totp_secret=secret)

    page.goto(f"{live_server.url}/admin/moderation/")
    item = page.locator(".moderation-item").filter(has_text="Bad nights after a vertebral fracture")
    expect(item.get_by_text("Why it is urgent:")).to_be_visible()
    expect(item).to_contain_text("The post contains the warning-sign words “better off without me”")
    expect(item).not_to_contain_text("<better>")
    contact = item.locator("details.moderation-item__contact")
    expect(contact).to_have_attribute("open", "")
    expect(item).not_to_contain_text(member.email)
    screenshot("safeguarding-moderation-queue", full_page=True)

    contact.get_by_role("button", name="Send private message").click()

    expect(page.get_by_text("Your message is on its way to the member")).to_be_visible()
    private = [message for message in mail.outbox if message.to == [member.email]]
    assert len(private) == 1 and "check in with you" in private[0].body
    screenshot("safeguarding-message-sent")


def test_a_group_moderators_day_from_a_crisis_post_to_a_private_message(
    page, live_server, community, screenshot
):
    """The whole journey as a moderator of one group (no site-wide powers) lives it: the alert
    email's queue link opens for them, and every step confirms itself."""
    thread, member = community["thread"], community["member"]
    group_moderator = ExperiencedMemberFactory(member_records__display_name="Moderator Gwen")
    thread.group.moderators.add(group_moderator)
    secret = enrol_totp(group_moderator)
    browser_errors: list[str] = []
    page.on(
        "console", lambda m: m.type == "error" and browser_errors.append(f"{page.url}: {m.text}")
    )
    page.on("pageerror", lambda error: browser_errors.append(f"{page.url}: {error}"))

    sign_in(page, live_server, member)
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    page.locator("#id_body").fill(CRISIS_TEXT)
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("alert").filter(has_text="116 123")).to_be_visible()

    [alert] = [message for message in mail.outbox if message.to == [group_moderator.email]]
    assert "better off" not in alert.body and "here any more" not in alert.body
    queue_link = re.search(r"The moderation queue: (\S+)", alert.body).group(1)

    sign_in_with_totp(
        page, live_server.url, email=group_moderator.email, password=TEST_PASSWORD, secret=secret
    )
    page.goto(live_server.url + urlsplit(queue_link).path)
    item = page.locator(".moderation-item").filter(has_text=thread.title)
    expect(item).to_contain_text("Why it is urgent:")
    expect(item).to_contain_text("warning-sign words “")
    item.get_by_label("Message, sent by email").fill("Gwen here. How are you doing tonight?")
    item.get_by_role("button", name="Send private message").click()
    expect(page.get_by_text("Your message is on its way to the member")).to_be_visible()
    [private] = [message for message in mail.outbox if message.to == [member.email]]
    assert "How are you doing tonight?" in private.body

    page.goto(f"{live_server.url}/admin/moderation/log/")
    expect(page.get_by_role("cell", name="Contacted privately")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("How are you doing tonight?")
    screenshot("safeguarding-moderation-log")

    page.goto(f"{live_server.url}/admin/moderation/")
    item = page.locator(".moderation-item").filter(has_text=thread.title)
    item.get_by_label("Reason (sent to the member").fill("Hidden while we check in with you")
    item.get_by_role("button", name="Hide", exact=True).click()
    expect(page.get_by_text("Done: Hide post #2")).to_be_visible()
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    page.locator("#post-2").get_by_role("button", name="Restore post").click()
    expect(page.get_by_text("Post #2 is visible again")).to_be_visible()

    assert browser_errors == []


def test_a_new_wording_no_phrase_covers_is_flagged_and_the_queue_says_what_it_resembles(
    page, live_server, community, screenshot
):
    thread, member, moderator = community["thread"], community["member"], community["moderator"]
    sign_in(page, live_server, member)
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    page.locator("#id_body").fill(
        "Thanks for asking.\nHonestly I think it is time I left this world for good."
    )
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("alert").filter(has_text="116 123")).to_be_visible()
    screenshot("safeguarding-new-wording-banner")

    page.context.clear_cookies()
    sign_in(page, live_server, moderator, totp_secret=enrol_totp(moderator))
    page.goto(f"{live_server.url}/admin/moderation/")
    item = page.locator(".moderation-item").filter(has_text=thread.title)
    expect(item).to_contain_text(
        "The sentence “Honestly I think it is time I left this world for good.” resembles the "
        "warning sign “"
    )
    expect(item).to_contain_text("(similarity 0.")
    screenshot("safeguarding-new-wording-queue", full_page=True)
