"""Every admin screen an editor, a medical reviewer and a community moderator use works under
the admin's Content-Security-Policy: the browser reports no violation on any of them, including
the dialogs and widgets Wagtail's scripts build (choosers, inline panels, date pickers,
scheduled publishing, workflow actions)."""

import pytest
from playwright.sync_api import expect

from articles import demo as article_demo
from articles.models import ArticlePage
from community import demo as community_demo
from tests.browser.conftest import sign_in_with_totp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def portal(live_server):
    article_demo.load_articles()
    accounts = community_demo.load_community()
    staff = {role: (email, secret) for role, email, secret in accounts["accounts"] if secret}
    article = ArticlePage.objects.get(slug="why-bone-loss-causes-back-pain")
    return {
        "base": live_server.url,
        "password": accounts["password"],
        "staff": staff,
        "article": article,
        "index": article.get_parent(),
    }


def sign_in_as(page, portal, role):
    email, secret = portal["staff"][role]
    sign_in_with_totp(page, portal["base"], email=email, password=portal["password"], secret=secret)


def visit(page, portal, path):
    response = page.goto(portal["base"] + path)
    assert response.status == 200, path
    page.wait_for_load_state("networkidle")


def choose_in_modal(page, name):
    modal = page.locator(".modal.in")
    expect(modal).to_be_visible()
    modal.get_by_role("link", name=name).first.click()
    expect(modal).to_have_count(0)


def close_date_picker(page):
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")


def test_editor_screens_have_no_csp_violations(page, portal, csp_violations):
    article, index = portal["article"], portal["index"]
    sign_in_as(page, portal, "editor")
    for path in (
        "/admin/",
        f"/admin/pages/{index.pk}/",
        "/admin/images/",
        "/admin/snippets/articles/person/",
        "/admin/snippets/articles/topic/",
        "/admin/reports/workflow/",
    ):
        visit(page, portal, path)

    visit(page, portal, f"/admin/pages/add/articles/articlepage/{index.pk}/")
    page.get_by_role("button", name="Choose an image").click()
    choose_in_modal(page, "Hero: Living well")
    page.get_by_role("button", name="Add References").click()
    expect(page.locator("#id_references-0-title")).to_be_visible()
    page.get_by_role("tab", name="Settings").click()
    page.locator("#id_author-chooser").get_by_role("button").first.click()
    choose_in_modal(page, "Dr Amara Okafor")
    page.locator("#id_next_review_due").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    close_date_picker(page)

    visit(page, portal, f"/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="Status").click()
    page.get_by_role("button", name="Set schedule").click()
    expect(page.get_by_role("dialog", name="Set publishing schedule")).to_be_visible()
    page.locator("#id_go_live_at").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)

    assert csp_violations == []


def test_reviewer_screens_and_workflow_dialogs_have_no_csp_violations(page, portal, csp_violations):
    article = portal["article"]
    sign_in_as(page, portal, "editor")
    visit(page, portal, f"/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Medical review").click()
    expect(page.locator(".messages")).to_contain_text("submitted")

    sign_in_as(page, portal, "medical reviewer")
    for path in ("/admin/", "/admin/reports/workflow_tasks/", "/admin/snippets/articles/person/"):
        visit(page, portal, path)
    visit(page, portal, f"/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Request changes").click()
    dialog = page.locator(".modal.in")
    expect(dialog.get_by_label("Comment")).to_be_visible()
    dialog.get_by_role("button", name="Close").first.click()
    expect(dialog).to_have_count(0)

    assert csp_violations == []


def test_moderator_screens_have_no_csp_violations(page, portal, csp_violations):
    sign_in_as(page, portal, "group moderator")
    for path in (
        "/admin/",
        "/admin/moderation/",
        "/admin/moderation/log/",
        "/admin/events/",
        "/admin/event_series/",
    ):
        visit(page, portal, path)

    assert csp_violations == []
