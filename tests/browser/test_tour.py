"""A tour of every page type in Chromium: accessibility (axe-core, keyboard, reflow at 320px),
no Content-Security-Policy violations, and the README's screenshots at desktop and phone width.
`make screenshots` runs this file with SCREENSHOT_DIR=docs/screenshots."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles import demo as article_demo
from community import demo as community_demo
from community.events.models import Event
from community.forums.models import SupportGroup, Thread
from tests.browser.conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {
    tag: el.tagName, text: (el.textContent || el.name || "").trim().slice(0, 40),
    visible: box.width > 0 && box.height > 0 && style.visibility !== "hidden",
    indicated: style.outlineStyle !== "none" || style.boxShadow !== "none",
  };
}"""
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def portal(live_server):
    article_demo.load_articles()
    accounts = community_demo.load_community()
    staff = {role: (email, secret) for role, email, secret in accounts["accounts"]}
    group = SupportGroup.objects.get(slug="back-pain")
    thread = Thread.objects.filter(group=group, pinned=False, locked=False).order_by("pk").first()
    event = (
        Event.objects.upcoming().filter(format=Event.Format.IN_PERSON).order_by("starts_at").first()
    )
    from articles.models import ArticlePage

    article = ArticlePage.objects.live().get(slug="why-bone-loss-causes-back-pain")
    return {
        "base": live_server.url,
        "pages": {
            "home": "/",
            "article-index": "/articles/",
            "article": article.url,
            "search": "/search/?q=fracture",
            "group": group.get_absolute_url(),
            "thread": thread.get_absolute_url(),
            "event-list": "/events/",
            "event": event.get_absolute_url(),
            "sign-in": "/accounts/login/",
            "sign-up": "/accounts/signup/",
            "profile": "/members/Hopeful%20Heron/",
        },
        "moderator": staff["group moderator"],
        "password": accounts["password"],
    }


def serious_violations(page) -> list[str]:
    page.evaluate(AXE.read_text())
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)"
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_every_page_type_is_accessible_and_has_no_csp_violations(page, portal):
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for name, path in portal["pages"].items():
        page.set_viewport_size(DESKTOP)
        response = page.goto(portal["base"] + path)
        assert response.status == 200, name
        assert serious_violations(page) == [], name

        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main", name
        for _ in range(12):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUS_STATE)
            if focused is None:
                break
            assert focused["visible"], f"{name}: focus on a hidden element {focused}"
            assert focused["indicated"], f"{name}: no visible focus indicator on {focused}"

        page.set_viewport_size({"width": 320, "height": 640})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"
    assert csp_errors == []


def sign_in_with_totp(page, portal, email):
    page.goto(portal["base"] + "/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(portal["password"])
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.locator("#id_code").fill(totp_code(portal["moderator"][1]))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()


def test_readme_screenshots_at_desktop_and_phone_width(page, portal, screenshot):
    for name in ("home", "article", "group", "thread", "event"):
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.goto(portal["base"] + portal["pages"][name])
            expect(page.locator("h1").first).to_be_visible()
            screenshot(f"{name}-{label}")

    sign_in_with_totp(page, portal, portal["moderator"][0])
    page.goto(portal["base"] + "/admin/moderation/")
    expect(page.get_by_role("heading", name="Moderation queue")).to_be_visible()
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.reload()
        screenshot(f"moderation-{label}")
