"""Every path and query parameter of every page, filled with hostile values, by an anonymous
reader and by a signed-in member: the answer is a page, a redirect, a 400 or a 404, never a
500. (NUL characters, broken UTF-8, 100,000 characters, numbers past PostgreSQL's bigint.)"""

import pytest
from django.test import Client, override_settings

from articles.tests.factories import ArticlePageFactory, TopicFactory, build_site
from community.events.tests.factories import EventFactory
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_thread,
)

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "%00",
    "abc%00def",
    "%ff%fe",
    "%c3%28",
    "%e2%82",
    "%F0%9F%98%80",
    "a" * 100_000,
    "-1",
    "0",
    "99999999999999999999999999",
    "9223372036854775808",
    "1e10",
    "NaN",
    "%EF%BC%91%EF%BC%92",  # fullwidth digits, which str.isdigit() accepts
    "%27%20OR%20%271%27%3D%271",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "..%2F..%2Fetc%2Fpasswd",
    "%25",
    "%",
    "null",
    "%5B%5D",
    "%20",
    "%5C",
    "",
]

# "{}" is the parameter under attack; {thread}, {post}, {slug} and friends are real values.
URLS = [
    "/articles/?tag={}",
    "/articles/?topic={}",
    "/articles/?page={}",
    "/articles/{}/",
    "/topics/{}/",
    "/articles/topics/{}/",
    "/feeds/topics/{}/rss/",
    "/forums/?page={}",
    "/forums/new/?page={}",
    "/forums/g/{}/",
    "/forums/g/{group}/?page={}",
    "/forums/g/{group}/new-thread/?x={}",
    "/forums/t/{}/",
    "/forums/t/{thread}/{}/",
    "/forums/t/{thread}/?page={}",
    "/forums/t/{thread}/?unread={}",
    "/forums/t/{thread}/reply/?quote={}",
    "/forums/t/{}/reply/",
    "/forums/p/{}/",
    "/forums/p/{}/edit/",
    "/forums/p/{}/history/",
    "/forums/p/{}/report/",
    "/forums/unsubscribe/{}/",
    "/forums/article/{}/",
    "/events/?page={}",
    "/events/?kind={}&format={}&group={}&region={}",
    "/events/past/?page={}",
    "/events/{}/",
    "/events/{}.ics",
    "/events/{event}/{}/",
    "/events/group/{}.ics",
    "/events/{}/attendees/",
    "/members/{}/",
    "/search/?q={}",
    "/search/?q=calcium&type={}",
    "/search/?q=calcium&type=discussions&page={}",
    "/{}/",
]


@pytest.fixture(scope="module")
def content(module_db):
    _, index = build_site()
    ArticlePageFactory(parent=index, title="Calcium and bones", topics=[TopicFactory(slug="spine")])
    group = SupportGroupFactory(slug="fuzz")
    with override_settings(FORUM_NEW_MEMBER_MIN_POSTS=0):
        thread = make_thread(group=group, title="Calcium questions", body="How much calcium?")
    event = EventFactory(group=group)
    return {"group": group.slug, "thread": thread.pk, "event": event.pk}


@pytest.mark.parametrize("template", URLS)
def test_hostile_parameters_never_cause_a_server_error(template, content):
    member = ExperiencedMemberFactory()
    signed_in = Client()
    signed_in.force_login(member)
    failures = []
    for payload in PAYLOADS:
        url = template.replace("{}", payload).format(**content)
        for client in (Client(), signed_in):
            try:
                status = client.get(url).status_code
            except Exception as error:  # noqa: BLE001 - every error is a finding to report
                failures.append(f"{url[:80]} raised {error!r:.200}")
                continue
            if status >= 500:
                failures.append(f"{url[:80]} answered {status}")

    assert failures == []
