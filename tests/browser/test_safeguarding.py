import time

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
    expect(item).to_contain_text("matched “better off without me”")
    contact = item.locator("details.moderation-item__contact")
    expect(contact).to_have_attribute("open", "")
    expect(item).not_to_contain_text(member.email)
    screenshot("safeguarding-moderation-queue", full_page=True)

    contact.get_by_role("button", name="Send private message").click()

    expect(page.get_by_text("Your message is on its way to the member")).to_be_visible()
    private = [message for message in mail.outbox if message.to == [member.email]]
    assert len(private) == 1 and "check in with you" in private[0].body
    screenshot("safeguarding-message-sent")
