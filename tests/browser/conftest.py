import os
import time
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOT_DIR = Path(
    os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "test-results")
)


@pytest.fixture(scope="session", autouse=True)
def _serialized_data_in_every_context(django_db_setup):
    """Django keeps the migrations' data (for serialized rollback) on the connection object,
    and connections are per context. Once Playwright runs its event loop, the test sees a new
    connection object without it, so put it on the class where every context finds it."""
    connection = connections[DEFAULT_DB_ALIAS]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        type(connection)._test_serialized_contents = contents


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def screenshot(page):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def take(name: str, *, full_page: bool = False) -> Path:
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


# Playwright injects this into every document and frame before the page's own scripts, so the
# policy does not apply to it; it reports each violation on the console as well.
CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});"""


@pytest.fixture
def csp_violations(page):
    """Every Content-Security-Policy violation in the page, from the browser's console and from
    `securitypolicyviolation` events, with the address of the page it happened on."""
    found: list[str] = []
    page.add_init_script(CSP_LISTENER)

    def record(message):
        if "Content Security Policy" in message.text or "CSP violation" in message.text:
            found.append(f"{page.url}: {message.text}")

    page.on("console", record)
    return found


_last_counter: dict[str, int] = {}


def totp_code(secret: str) -> str:
    """The authenticator app's current code; allauth accepts each code once, so a second
    sign-in within the same 30 seconds waits for the next code."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time()) // 30
    if _last_counter.get(secret) == counter or time.time() % 30 > 25:
        # Used already, or too close to expiring to reach the server in time on a busy machine.
        time.sleep(30 - time.time() % 30 + 0.5)
        counter = int(time.time()) // 30
    _last_counter[secret] = counter
    return format_hotp_value(hotp_value(secret, counter))


def sign_in_with_totp(page, base_url: str, *, email: str, password: str, secret: str) -> None:
    page.context.clear_cookies()
    page.goto(base_url + "/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.locator("#id_code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


@pytest.fixture
def weekly_class(live_server):
    """A weekly class on its next three dates at 18:00 London time, 12 places each (shared by
    the booking and My activity tests)."""
    from datetime import time as clock_time
    from datetime import timedelta

    from django.utils import timezone

    from community.events import services
    from community.events.permissions import SYSTEM
    from community.events.tests.factories import EventSeriesFactory

    series = EventSeriesFactory(
        title="Strong bones exercise class",
        time_zone="Europe/London",
        start_time=clock_time(18, 0),
        duration_minutes=60,
        capacity=12,
    )
    since = timezone.now().date() + timedelta(days=1)
    services.series_generate_occurrences(
        by=SYSTEM, series=series, since=since, until=since + timedelta(days=20)
    )
    return list(series.occurrences.order_by("starts_at"))
