import pytest
from playwright.sync_api import expect

from community.forums.models import Post, Report
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def conversation(live_server, settings):
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0
    group = SupportGroupFactory(name="Living with back pain", slug="back-pain")
    starter = ExperiencedMemberFactory(member_records__display_name="Hopeful Heron")
    reader = ExperiencedMemberFactory(member_records__display_name="Steady Oak")
    thread = make_thread(
        group=group,
        author=starter,
        title="Sleeping after a spinal fracture",
        body="Which position helped you sleep in the first weeks?",
    )
    make_reply(thread=thread, author=starter, body="Pillows under my knees helped a little.")
    return {"thread": thread, "reader": reader}


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()


def test_member_replies_with_a_quote_reacts_without_reload_and_reports(
    page, live_server, conversation, screenshot
):
    thread, reader = conversation["thread"], conversation["reader"]
    sign_in(page, live_server, reader)
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sleeping after a spinal fracture")

    page.locator("#post-1").get_by_role("link", name="Quote").click()
    expect(page.locator("#id_body")).to_have_value(
        "> **Hopeful Heron** wrote:\n> Which position helped you sleep in the first weeks?\n\n"
    )
    page.locator("#id_body").press("Control+End")
    page.locator("#id_body").type("On my back with a rolled towel.")
    page.get_by_role("button", name="Post reply").click()
    new_post = page.locator("#post-3")
    expect(new_post.locator("blockquote")).to_contain_text("Which position helped you sleep")
    expect(new_post).to_contain_text("On my back with a rolled towel.")

    page.evaluate("window.__noReload = true")
    helpful = page.locator("#post-2").get_by_role("button", name="Helpful")
    helpful.click()
    expect(helpful).to_have_attribute("aria-pressed", "true")
    expect(helpful.locator(".reaction__count")).to_have_text("1")
    assert page.evaluate("window.__noReload") is True
    screenshot("thread")

    page.locator("#post-2").get_by_role("link", name="Report").click()
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Thank you for telling us")).to_be_visible()
    assert Report.objects.filter(post__position=2, reporter=reader).exists()
    assert Post.objects.filter(thread=thread).count() == 3
