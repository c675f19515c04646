"""A member's everyday tools in Chromium: a series booked and then managed from My activity,
a bookmark found again there, and a reply draft that survives a reload."""

from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from community.events import errors as event_errors
from community.forums import errors as forum_errors
from community.forums.models import Thread
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from tests.browser.test_events import sign_in
from tests.browser.test_tour import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_errors(page):
    found: list[str] = []
    page.on("console", lambda m: m.type == "error" and found.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda error: found.append(f"{page.url}: {error}"))
    return found


@pytest.fixture
def conversation(live_server, settings):
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0
    group = SupportGroupFactory(name="Living with back pain", slug="back-pain")
    starter = ExperiencedMemberFactory(member_records__display_name="Hopeful Heron")
    thread = make_thread(
        group=group,
        author=starter,
        title="Sleeping after a spinal fracture",
        body="Which position helped you sleep in the first weeks?",
    )
    make_reply(thread=thread, author=starter, body="A pillow under my knees helped me most.")
    return thread


def test_member_books_a_series_manages_it_in_my_activity_and_finds_a_bookmark_there(
    page, live_server, weekly_class, conversation, browser_errors, csp_violations, screenshot
):
    member = ExperiencedMemberFactory(member_records__display_name="Ines")
    member.profile.time_zone = "America/New_York"
    member.profile.save()
    first, second, third = weekly_class
    sign_in(page, live_server, member, first.get_absolute_url())
    page.get_by_role("button", name="Book all dates").click()
    expect(page.get_by_text(event_errors.SERIES_BOOKED.format(confirmed=3))).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My activity").click()
    page.get_by_role("navigation", name="My activity").get_by_role(
        "link", name="My bookings"
    ).click()
    bookings = page.locator(".activity__booking")
    expect(bookings).to_have_count(3)
    for item, event in zip(bookings.all(), weekly_class, strict=True):
        expect(item.get_by_text("You have a place")).to_be_visible()
        expect(item).to_contain_text(f"{event.local_start:%A %-d %B %Y}, 18:00")
        new_york = event.starts_at.astimezone(ZoneInfo("America/New_York"))
        expect(item).to_contain_text(
            f"In your time zone (America/New_York): {new_york:%A %-d %B %Y, %H:%M}"
        )
        expect(item).to_contain_text("One date of a series: Every")
        expect(item.get_by_role("link", name="Add to calendar (.ics)")).to_be_visible()
    screenshot("activity-bookings", full_page=True)
    assert serious_violations(page) == []

    bookings.nth(1).get_by_role("button", name="Cancel this date").click()

    expect(page.get_by_text(event_errors.BOOKING_CANCELLED)).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/members/activity/?section=bookings")
    expect(bookings).to_have_count(2)
    expect(page.get_by_role("link", name=second.title, exact=True)).to_have_count(2)
    screenshot("activity-booking-cancelled", full_page=True)

    page.goto(f"{live_server.url}{conversation.get_absolute_url()}")
    page.evaluate("window.__noReload = true")
    bookmark = page.locator("#post-2").get_by_role("button", name="Bookmark")
    expect(bookmark).to_have_attribute("aria-pressed", "false")
    bookmark.click()
    bookmarked = page.locator("#post-2").get_by_role("button", name="Bookmarked")
    expect(bookmarked).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.__noReload") is True  # toggled in place
    page.reload()
    expect(page.locator("#post-2").get_by_role("button", name="Bookmarked")).to_be_visible()
    expect(page.locator("#post-1").get_by_role("button", name="Bookmark")).to_be_visible()
    page.locator("#post-2").scroll_into_view_if_needed()
    screenshot("thread-post-bookmarked")
    assert serious_violations(page) == []

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My activity").click()
    page.get_by_role("navigation", name="My activity").get_by_role("link", name="Bookmarks").click()
    saved = page.locator(".activity__bookmark")
    expect(saved).to_have_count(1)
    expect(saved).to_contain_text("A pillow under my knees helped me most.")
    screenshot("activity-bookmarks", full_page=True)
    saved.get_by_role("link", name="Post #2 in “Sleeping after a spinal fracture”").click()
    expect(page).to_have_url(f"{live_server.url}{conversation.get_absolute_url()}?page=1#post-2")

    assert browser_errors == []
    assert csp_violations == []


def test_a_reply_draft_survives_a_reload_and_goes_once_posted(
    page, live_server, conversation, browser_errors, csp_violations, screenshot
):
    member = ExperiencedMemberFactory(member_records__display_name="Steady Oak")
    sign_in(page, live_server, member, conversation.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Sleeping after a spinal fracture")
    page.wait_for_load_state()
    box, status = page.locator("#id_body"), page.locator("#draft-status")
    expect(status).to_have_attribute("aria-live", "polite")

    box.type("On my back with a rolled towel under my neck.")
    expect(status).to_have_text("Draft saved")
    screenshot("draft-saved")
    page.reload()

    expect(box).to_have_value("On my back with a rolled towel under my neck.")
    expect(status).to_contain_text("is back in the box")
    served = page.request.get(page.url).text()  # the server's page, not the browser's memory
    assert "On my back with a rolled towel under my neck.</textarea>" in served
    screenshot("draft-restored")
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("#post-3")).to_contain_text("On my back with a rolled towel")
    page.reload()
    expect(box).to_have_value("")
    expect(page.get_by_role("button", name="Discard draft")).to_be_hidden()

    box.type("Second thoughts")
    expect(status).to_have_text("Draft saved")
    page.get_by_role("button", name="Discard draft").click()
    expect(status).to_have_text("Draft discarded.")
    expect(box).to_have_value("")
    page.reload()
    expect(box).to_have_value("")

    box.type("Written while a moderator locks the thread")
    expect(status).to_have_text("Draft saved")
    Thread.objects.filter(pk=conversation.pk).update(locked=True)
    box.type(", and more.")
    expect(status).to_have_text(forum_errors.DRAFT_THREAD_CLOSED)
    expect(box).to_have_value("Written while a moderator locks the thread, and more.")
    screenshot("draft-refused-locked")
    assert serious_violations(page) == []

    # The refused save answers 409, which Chromium reports on the console; nothing else may.
    assert [error for error in browser_errors if "409" not in error] == []
    assert csp_violations == []


def test_a_new_thread_draft_keeps_its_title_and_text_over_a_reload(
    page, live_server, conversation, browser_errors, csp_violations
):
    member = ExperiencedMemberFactory(member_records__display_name="Steady Oak")
    new_thread = conversation.group.get_absolute_url() + "new-thread/"
    sign_in(page, live_server, member, new_thread)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Start a thread")
    page.wait_for_load_state()

    page.locator("#id_title").type("Sleeping on a plane")
    page.locator("#id_body").type("Any tips for a long flight after a fracture?")
    expect(page.locator("#draft-status")).to_have_text("Draft saved")
    page.reload()

    expect(page.locator("#id_title")).to_have_value("Sleeping on a plane")
    expect(page.locator("#id_body")).to_have_value("Any tips for a long flight after a fracture?")
    page.get_by_role("button", name="Start thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sleeping on a plane")
    page.goto(f"{live_server.url}{new_thread}")
    expect(page.locator("#id_title")).to_have_value("")
    expect(page.locator("#id_body")).to_have_value("")
    assert browser_errors == []
    assert csp_violations == []
