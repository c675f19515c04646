from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from community.events import errors
from community.members.tests.factories import MemberFactory
from tests.browser.test_events import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_member_books_a_series_sees_the_dates_in_their_zone_and_cancels_one(
    page, live_server, weekly_class, screenshot
):
    member = MemberFactory(member_records__display_name="Ines")
    member.profile.time_zone = "America/New_York"
    member.profile.save()
    first, second, third = weekly_class
    sign_in(page, live_server, member, first.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Strong bones exercise class")

    page.get_by_role("button", name="Book all dates").click()

    expect(page.get_by_text(errors.SERIES_BOOKED.format(confirmed=3))).to_be_visible()
    expect(page.get_by_role("button", name="Book all dates")).to_have_count(0)
    dates = page.locator(".series-dates__item")
    expect(dates).to_have_count(3)
    for item, event in zip(dates.all(), weekly_class, strict=True):
        expect(item.get_by_text("You have a place")).to_be_visible()
        expect(item).to_contain_text(f"{event.local_start:%A %-d %B %Y}, 18:00")
        expect(item).to_contain_text("(Europe/London time)")
        new_york = event.starts_at.astimezone(ZoneInfo("America/New_York"))
        expect(item).to_contain_text(
            f"In your time zone (America/New_York): {new_york:%A %-d %B %Y, %H:%M}"
        )
    screenshot("series-booked", full_page=True)

    dates.nth(1).get_by_role("button", name="Cancel this date").click()

    expect(page.get_by_text("Your booking has been cancelled.")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}{second.get_absolute_url()}")
    expect(page.locator(".series-dates__item").get_by_text("You have a place")).to_have_count(2)
    expect(page.get_by_role("button", name="Cancel this date")).to_have_count(2)
    expect(page.get_by_role("button", name="Book a place")).to_be_visible()
    expect(page.get_by_role("button", name="Book all dates")).to_be_visible()
    screenshot("series-one-date-cancelled", full_page=True)
