import io
import re

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-and-memorable-passphrase"


def avatar_png(tmp_path):
    path = tmp_path / "me.png"
    buffer = io.BytesIO()
    Image.new("RGB", (900, 700), "#2f6f8f").save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_member_signs_up_verifies_chooses_a_name_and_adds_an_avatar(
    page, live_server, tmp_path, screenshot
):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.locator("#id_email").fill("new.member@example.org")
    page.locator("#id_display_name").fill("Morning Walker")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_label("I agree to the community guidelines").check()
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Verify", re.I))

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link.replace("http://testserver", live_server.url))
    page.get_by_role("button", name="Confirm").click()

    page.goto(f"{live_server.url}/members/profile/")
    page.get_by_label("Display name").fill("Morning Walker Jo")
    page.get_by_label("Profile picture").set_input_files(avatar_png(tmp_path))
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Morning Walker Jo")
    avatar = page.locator("img.avatar--large")
    expect(avatar).to_be_visible()
    assert avatar.evaluate("img => img.naturalWidth") == 512
    screenshot("profile")
