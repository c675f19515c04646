"""Every page type a visitor can reach parses as HTML without a single error (html5lib, strict),
and passes the checks a parser does not make but the Nu HTML Checker does: unique ids, no empty
form action, valid `datetime` values and no spaces inside link URLs."""

import re
from collections import Counter
from io import StringIO

import html5lib
import pytest
from django.core.management import call_command
from django.test import Client

from community.events.models import Event
from community.forums.models import SupportGroup, Thread
from community.members.models import Profile
from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

# A valid date, or global date and time: seconds optional, at most three fractional digits,
# an offset (Z, +hh:mm or +hhmm). What the HTML standard allows in <time datetime>.
DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2}))?$"
)
ID = re.compile(r'\sid="([^"]*)"')
FORM_ACTION = re.compile(r"<form\b[^>]*\saction=\"([^\"]*)\"")
TIME_DATETIME = re.compile(r"<time\b[^>]*\sdatetime=\"([^\"]*)\"")
LINK_URL = re.compile(r"<(?:link|a)\b[^>]*\shref=\"([^\"]*)\"")
# The article disclaimer is rendered twice (id="disclaimer-title"), fixed on another branch:
# remove this allowance when it lands and every page type meets the duplicate-id check.
KNOWN_DUPLICATE_IDS = {"article": {"disclaimer-title"}}


def problems_in(html: str, *, page_type: str) -> list[str]:
    found = []
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(html)
    except html5lib.html5parser.ParseError as error:
        found.append(f"parse error: {error}")
    duplicates = {name for name, count in Counter(ID.findall(html)).items() if count > 1}
    duplicates -= KNOWN_DUPLICATE_IDS.get(page_type, set())
    found += [f"duplicate id {name!r}" for name in sorted(duplicates)]
    found += ["empty form action" for action in FORM_ACTION.findall(html) if not action]
    found += [
        f"datetime {value!r}" for value in TIME_DATETIME.findall(html) if not DATETIME.match(value)
    ]
    found += [f"space in URL {url!r}" for url in LINK_URL.findall(html) if " " in url]
    return found


def page_urls() -> dict[str, str]:
    article = Thread.objects.filter(article__isnull=False).first().article
    thread = Thread.objects.filter(group__visibility="public", is_removed=False).first()
    spaced = Profile.objects.filter(display_name__contains=" ").first()
    return {
        "home": "/",
        "article index": "/articles/",
        "article": article.url,
        "topic": article.get_parent().specific.topic_url(article.topics.first()),
        "search": "/search/?q=pain",
        "search suggestion": "/search/?q=osteoperosis",
        "group list": "/forums/",
        "group": SupportGroup.objects.filter(visibility="public").first().get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "event list": "/events/",
        "event": Event.objects.listed().first().get_absolute_url(),
        "member profile": f"/members/{spaced.display_name}/",
        "sign in": "/accounts/login/",
        "join": "/accounts/signup/",
    }


def test_the_checks_catch_what_the_html_checker_found():
    page = (
        '<!DOCTYPE html><html lang="en"><head><title>t</title>'
        '<link rel="canonical" href="http://x/members/Steady Oak/"></head><body>'
        '<form action=""></form><p id="a"></p><p id="a"></p>'
        '<time datetime="2026-11-26T14:36:55.123456+00:00">now</time></body></html>'
    )

    assert problems_in(page, page_type="home") == [
        "duplicate id 'a'",
        "empty form action",
        "datetime '2026-11-26T14:36:55.123456+00:00'",
        "space in URL 'http://x/members/Steady Oak/'",
    ]
    assert problems_in("<p>unclosed <b>", page_type="home")[0].startswith("parse error")


def test_every_page_type_is_valid_html():
    call_command("load_demo_content", stdout=StringIO())
    anonymous, member = Client(), Client()
    member.force_login(MemberFactory())
    thread = Thread.objects.filter(group__visibility="public", is_removed=False).first()
    pages = [(anonymous, page_type, url) for page_type, url in page_urls().items()]
    pages += [
        (member, "thread (member)", thread.get_absolute_url()),
        (member, "your profile", "/members/profile/"),
        (member, "event list (member)", "/events/"),
    ]

    problems = {}
    for client, page_type, url in pages:
        response = client.get(url)
        assert response.status_code == 200, (page_type, url)
        if found := problems_in(response.content.decode(), page_type=page_type):
            problems[page_type] = found

    assert problems == {}
