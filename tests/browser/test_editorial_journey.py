"""An article's whole journey through the real Wagtail admin, as an editor and a medical
reviewer live it: write, submit, changes requested, edit, resubmit, approve, live, with no
Content-Security-Policy violation on any admin page on the way."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from articles import demo as article_demo
from articles.models import ArticlePage
from articles.tests.factories import png_bytes
from community import demo as community_demo
from tests.browser.conftest import sign_in_with_totp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Gentle exercise after a spinal fracture"
FIRST_TEXT = "Start with short walks and rest when the pain tells you to."
ADDED_TEXT = "Begin with five-minute walks, twice a day."
CHANGES = "Please say how long the first walks should be."
# The machine running the suite is shared; Wagtail's admin pages are heavy.
expect.set_options(timeout=15_000)


@pytest.fixture
def portal(live_server):
    article_demo.load_articles()
    accounts = community_demo.load_community()
    staff = {role: (email, secret) for role, email, secret in accounts["accounts"] if secret}
    return {
        "base": live_server.url,
        "password": accounts["password"],
        "staff": staff,
        "index": article_demo.ensure_home_and_index()[1],
    }


def sign_in_as(page, portal, role):
    email, secret = portal["staff"][role]
    sign_in_with_totp(page, portal["base"], email=email, password=portal["password"], secret=secret)


def choose_in_modal(page, name):
    modal = page.locator(".modal.in")
    expect(modal).to_be_visible()
    modal.get_by_role("link", name=name).first.click()
    expect(modal).to_have_count(0)


def footer_action(page, name):
    # Wagtail 8 autosaves the form shortly after each change; an action sent while an autosave
    # is in flight races it (a new page would be created twice).
    expect(page.locator(".w-autosave-indicator__state--saving")).to_be_hidden()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=name, exact=True).click()


def write_paragraph(page, text):
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)
    expect(editor).to_contain_text(text)
    # Draftail writes its state into the form's hidden input after a short debounce; a save
    # clicked before then would send the old text.
    page.wait_for_function(
        "text => [...document.querySelectorAll('input[type=hidden]')]"
        ".some(input => input.value.includes(text))",
        arg=text.strip(),
    )


def open_article(page, portal, article):
    page.goto(f"{portal['base']}/admin/pages/{article.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value(TITLE)


def test_editor_and_reviewer_publish_an_article_through_medical_review(
    page, portal, csp_violations, screenshot
):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_as(page, portal, "editor")
    page.goto(f"{portal['base']}/admin/pages/add/articles/articlepage/{portal['index'].pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("How to get moving again safely after a vertebra breaks.")
    page.get_by_role("button", name="Choose an image").click()
    choose_in_modal(page, "Hero: Living well")
    page.locator("#id_hero_image_alt").fill("A person walking slowly in a park")
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    write_paragraph(page, FIRST_TEXT)
    for number, reference in enumerate(["Exercise and osteoporosis", "Spinal fractures"]):
        page.get_by_role("button", name="Add References").click()
        page.locator(f"#id_references-{number}-title").fill(reference)
    page.get_by_role("tab", name="Promote").click()
    page.locator("#id_topics").select_option(label=["Spine and back pain", "Fractures"])
    page.get_by_role("tab", name="Settings").click()
    page.locator("#id_author-chooser").get_by_role("button", name="Choose person").click()
    choose_in_modal(page, "Sam Carter")
    page.locator("#id_medical_reviewer-chooser").get_by_role("button", name="Choose person").click()
    choose_in_modal(page, "Dr Amara Okafor")
    screenshot("journey-1-editor-writes")
    footer_action(page, "Submit to Medical review")
    expect(page.locator(".messages")).to_contain_text("submitted for moderation")
    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live

    sign_in_as(page, portal, "medical reviewer")
    open_article(page, portal, article)
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    footer_action(page, "Request changes")
    modal = page.locator(".modal.in")
    modal.get_by_label("Comment").fill(CHANGES)
    screenshot("journey-2-reviewer-requests-changes")
    modal.get_by_role("button", name="Request changes").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("has been updated")
    assert article.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    sign_in_as(page, portal, "editor")
    open_article(page, portal, article)
    expect(page.get_by_text(CHANGES).first).to_be_attached()
    page.get_by_role("button", name="Toggle status").click()
    page.locator('[data-a11y-dialog-show="workflow-status-dialog"]:visible').first.click()
    expect(page.locator("#workflow-status-dialog").get_by_text(CHANGES)).to_be_visible()
    screenshot("journey-3-editor-sees-comment")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Toggle status").click()
    write_paragraph(page, f" {ADDED_TEXT}")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    expect(page.locator(".public-DraftEditor-content").first).to_contain_text(ADDED_TEXT)
    footer_action(page, "Resubmit to Medical review")
    expect(page.locator(".messages")).to_contain_text("has been submitted for moderation")

    sign_in_as(page, portal, "medical reviewer")
    open_article(page, portal, article)
    footer_action(page, "Approve and Publish")
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("has been updated")
    screenshot("journey-4-reviewer-approves")

    article.refresh_from_db()
    assert article.live
    page.goto(portal["base"] + article.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".article__body")).to_contain_text(f"{FIRST_TEXT} {ADDED_TEXT}")
    reviewed = page.locator(".article__meta")
    expect(reviewed).to_contain_text("Dr Amara Okafor")
    expect(reviewed).to_contain_text(timezone.localdate().strftime("%-d %B %Y"))
    expect(page.locator(".references__list li")).to_have_count(2)
    screenshot("journey-5-public-page", full_page=True)
    page.wait_for_load_state("networkidle")  # image renditions finish before the flush
    page.goto("about:blank")

    assert csp_violations == []


def test_an_editor_cannot_swap_the_picture_on_a_live_article_from_the_image_library(
    page, portal, csp_violations, screenshot, tmp_path
):
    article = ArticlePage.objects.live().exclude(hero_image=None).select_related("hero_image")[0]
    image = article.hero_image
    original_file = image.file.name
    replacement = tmp_path / "replacement.png"
    replacement.write_bytes(png_bytes(colour="#aa0000"))
    sign_in_as(page, portal, "editor")

    page.goto(f"{portal['base']}/admin/images/{image.pk}/")
    page.locator("#id_file").set_input_files(str(replacement))
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("This image appears on live articles")).to_be_visible()
    expect(page.get_by_text(article.title).first).to_be_visible()
    screenshot("image-replacement-refused")
    image.refresh_from_db()
    assert image.file.name == original_file
    assert csp_violations == []
