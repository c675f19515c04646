from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from community.events.tests.factories import EventFactory, OnlineEventFactory
from community.forums.tests.factories import SupportGroupFactory
from community.members.tests.factories import TEST_PASSWORD, MemberFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def events(live_server):
    group = SupportGroupFactory(name="Living with osteoporosis", slug="living-with-osteoporosis")
    starts_at = (timezone.now() + timedelta(days=7)).astimezone(ZoneInfo("Europe/London"))
    starts_at = starts_at.replace(hour=18, minute=0, second=0, microsecond=0)
    webinar = OnlineEventFactory(
        group=group,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        title="Exercise after a fracture",
        description="A physiotherapist shows safe exercises you can do at home.",
        capacity=30,
    )
    EventFactory(group=group, title="Leeds coffee morning")
    return {"webinar": webinar}


def sign_in(page, live_server, member, next_path):
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.locator('input[name="login"]').fill(member.email)
    page.locator('input[name="password"]').fill(TEST_PASSWORD)
    page.locator('form button[type="submit"]').last.click()


def test_member_filters_books_a_webinar_sees_the_join_link_and_downloads_the_ics(
    page, live_server, events, screenshot
):
    webinar = events["webinar"]
    member = MemberFactory(member_records__display_name="Rosa")
    sign_in(page, live_server, member, "/events/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Events")

    page.get_by_role("navigation", name="Filter events").get_by_role(
        "link", name="Webinar", exact=True
    ).click()
    expect(page.get_by_role("link", name="Exercise after a fracture")).to_be_visible()
    expect(page.get_by_role("link", name="Leeds coffee morning")).to_have_count(0)

    page.get_by_role("link", name="Exercise after a fracture").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exercise after a fracture")
    expect(page.get_by_role("link", name="Join online")).to_have_count(0)

    page.get_by_role("button", name="Book a place").click()
    expect(page.get_by_text("You have a place.").first).to_be_visible()
    join = page.get_by_role("link", name="Join online")
    expect(join).to_have_attribute("href", webinar.online_url)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download for your calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == "exercise-after-a-fracture.ics"
    content = Path(download.path()).read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in content
    assert f"UID:{webinar.ical_uid}" in content
    assert "SUMMARY:Exercise after a fracture" in content
    assert webinar.online_url not in content

    screenshot("event", full_page=True)
