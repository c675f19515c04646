import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.pages import selectors
from portal.pages.forms import HONEYPOT_TRIGGERED
from portal.pages.models import StandingPage
from portal.pages.services import CONTACT_RATE_LIMITED
from portal.pages.tests.factories import StandingPageFactory
from portal.pages.views import MESSAGE_SENT

FOOTER_LINK = re.compile(r'<nav class="site-footer__nav".*?</nav>', re.S)


def footer_links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', FOOTER_LINK.search(html).group(0))


def test_every_footer_link_answers_200(client, trust_pages):
    links = footer_links(client.get("/").text)

    assert links == [
        "/about/",
        "/guidelines/",
        "/privacy/",
        "/accessibility/",
        reverse("pages:contact"),
    ]
    for link in links:
        assert client.get(link).status_code == 200, link


def test_a_standing_page_shows_what_editors_wrote(client, trust_pages):
    response = client.get("/guidelines/")

    assert "<h1>Community guidelines</h1>" in response.text
    assert "Share experience, not prescriptions" in response.text


def test_the_footer_follows_publishing_and_costs_no_query_once_cached(
    client, trust_pages, django_assert_num_queries
):
    selectors.trust_page_urls()
    with django_assert_num_queries(0):
        assert selectors.trust_page_url("privacy") == "/privacy/"

    StandingPage.objects.get(role="privacy").unpublish()

    assert selectors.trust_page_url("privacy") is None
    assert "/privacy/" not in footer_links(client.get("/").text)


def test_two_pages_cannot_share_a_role(trust_pages):
    page = StandingPageFactory(parent=trust_pages, title="Rules", slug="rules")
    page.clean()
    page.role = StandingPage.Role.GUIDELINES

    with pytest.raises(ValidationError):
        page.clean()


def contact_data(**changes):
    return {
        "name": "Pat",
        "email": "pat@example.org",
        "subject": "A question about my account",
        "message": "Could you tell me how to change my display name?",
        **changes,
    }


def test_the_contact_form_reaches_staff_who_can_reply(
    client, trust_pages, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.CONTACT_EMAIL = "team@bonespine.example"
    page = client.get(reverse("pages:contact"))
    assert "We aim to reply within three working days" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pages:contact"), contact_data(), follow=True)

    assert MESSAGE_SENT in response.text
    [message] = mailoutbox
    assert message.to == ["team@bonespine.example"]
    assert message.reply_to == ["pat@example.org"]
    assert "how to change my display name" in message.body


def test_a_bot_filling_the_hidden_field_sends_nothing_and_the_text_stays(
    client, trust_pages, mailoutbox
):
    response = client.post(reverse("pages:contact"), contact_data(website="spam.example"))

    assert HONEYPOT_TRIGGERED in response.text
    assert "how to change my display name" in response.text
    assert mailoutbox == []


def test_mistakes_are_explained_and_what_was_typed_is_kept(client, trust_pages, mailoutbox):
    response = client.post(reverse("pages:contact"), contact_data(email="not-an-address"))

    assert "Enter a valid email address." in response.text
    assert "how to change my display name" in response.text
    assert 'value="not-an-address"' in response.text
    assert mailoutbox == []


def test_the_contact_form_is_rate_limited(
    client, trust_pages, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.CONTACT_RATE_LIMIT = (2, 3600)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            client.post(reverse("pages:contact"), contact_data())
        response = client.post(reverse("pages:contact"), contact_data(message="Third try"))

    assert CONTACT_RATE_LIMITED in response.text
    assert "Third try" in response.text
    assert len(mailoutbox) == 2


def test_behind_a_proxy_each_visitor_has_their_own_contact_limit(
    client, trust_pages, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.CONTACT_RATE_LIMIT = (1, 3600)
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    def send_from(visitor):
        return client.post(
            reverse("pages:contact"),
            contact_data(),
            REMOTE_ADDR="10.0.0.2",
            headers={"x-forwarded-for": visitor},
        )

    with django_capture_on_commit_callbacks(execute=True):
        first, second = send_from("203.0.113.7"), send_from("198.51.100.9")
        again = send_from("192.0.2.1, 203.0.113.7")

    assert (first.status_code, second.status_code) == (302, 302)
    assert CONTACT_RATE_LIMITED in again.text
    assert len(mailoutbox) == 2
