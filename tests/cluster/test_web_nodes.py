"""Two gunicorn nodes behind HAProxy, sharing PostgreSQL and Redis: what one node writes,
the other honours — sessions, CSRF tokens, rate limits, cached pages and their invalidation,
and the staff second-factor gate."""

import re

import pytest
import requests
from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from community.forums.tests.factories import ExperiencedMemberFactory, make_thread
from community.members.tests.factories import TEST_PASSWORD, MemberFactory, enrol_totp
from tests.browser.conftest import totp_code
from tests.cluster.processes import CLUSTER

pytestmark = [*CLUSTER, pytest.mark.django_db(transaction=True)]

TOO_MANY_ATTEMPTS = str(DefaultAccountAdapter.error_messages["too_many_login_attempts"])
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Visitor:
    """One browser; every request names the node that must answer it."""

    def __init__(self, cluster):
        self.url = cluster.url
        self.session = requests.Session()

    def request(self, method: str, path: str, *, node: str, **kwargs) -> requests.Response:
        response = self.session.request(
            method,
            self.url + path,
            headers={"X-Node": node},
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        assert response.headers["X-Served-By"] == node
        return response

    def get(self, path: str, *, node: str) -> requests.Response:
        return self.request("GET", path, node=node)

    def submit(
        self, path: str, data: dict, *, form_from: str, node: str, form_path: str | None = None
    ) -> requests.Response:
        """Fetch the form (on form_path, or path) from one node and post it, with its CSRF
        token, to another."""
        form = self.get(form_path or path, node=form_from)
        token = CSRF_FIELD.search(form.text).group(1)
        return self.request("POST", path, node=node, data={"csrfmiddlewaretoken": token, **data})

    def sign_in(self, email: str, *, form_from: str, node: str, password=TEST_PASSWORD):
        return self.submit(
            "/accounts/login/",
            {"login": email, "password": password},
            form_from=form_from,
            node=node,
        )


def with_production_password(user):
    """The nodes run the production settings, whose hashers do not read the tests' fast MD5
    hashes: the password is stored as production stores it (with few iterations)."""
    user.password = PBKDF2PasswordHasher().encode(TEST_PASSWORD, "clustersalt", iterations=1000)
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def cluster(web_cluster):
    web_cluster.forget_shared_state()
    return web_cluster


def test_a_session_and_csrf_token_from_one_node_are_honoured_by_the_other(cluster):
    member = with_production_password(MemberFactory())
    visitor = Visitor(cluster)

    signed_in = visitor.sign_in(member.email, form_from="a", node="b")
    profile = visitor.get("/members/profile/", node="a")

    assert signed_in.status_code == 302
    assert profile.status_code == 200
    assert member.profile.display_name in profile.text
    forged = visitor.request("POST", "/members/profile/", node="b", data={"bio": "x"})
    assert forged.status_code == 403


def test_failed_sign_ins_are_counted_across_nodes(cluster):
    member = with_production_password(MemberFactory())
    visitor = Visitor(cluster)

    failures = [
        visitor.sign_in(member.email, password="wrong", form_from=node, node=node).status_code
        for node in "ababa"
    ]
    blocked = visitor.sign_in(member.email, form_from="a", node="b")

    assert failures == [200] * 5
    assert blocked.status_code == 200
    assert TOO_MANY_ATTEMPTS in blocked.text


def test_a_page_cached_by_one_node_is_served_and_invalidated_by_the_other(cluster):
    thread = make_thread(title="Walking poles on icy days")
    path = thread.get_absolute_url()
    reader, member = Visitor(cluster), Visitor(cluster)

    first, second = reader.get(path, node="a"), reader.get(path, node="b")
    assert (first.headers["X-Page-Cache"], second.headers["X-Page-Cache"]) == ("miss", "hit")

    author = with_production_password(ExperiencedMemberFactory())
    member.sign_in(author.email, form_from="a", node="a")
    replied = member.submit(
        f"/forums/t/{thread.pk}/reply/",
        {"body": "Spiked tips for the winter months.", "website": ""},
        form_path=path,
        form_from="b",
        node="a",
    )
    after = reader.get(path, node="b")

    assert replied.status_code == 302
    assert after.headers["X-Page-Cache"] == "miss"
    assert "Spiked tips for the winter months." in after.text


def test_the_staff_second_factor_gate_holds_on_both_nodes(cluster):
    without_factor = with_production_password(MemberFactory(is_staff=True))
    visitor = Visitor(cluster)
    visitor.sign_in(without_factor.email, form_from="a", node="a")
    for node in "ab":
        refused = visitor.get("/admin/", node=node)
        assert refused.status_code == 302
        assert refused.headers["Location"].startswith("/accounts/2fa/totp/activate")

    editor = with_production_password(MemberFactory(is_staff=True, is_superuser=True))
    secret = enrol_totp(editor)
    visitor = Visitor(cluster)
    password_step = visitor.sign_in(editor.email, form_from="a", node="a")
    assert password_step.headers["Location"] == "/accounts/2fa/authenticate/"
    assert visitor.get("/admin/", node="b").status_code == 302
    code_step = visitor.submit(
        "/accounts/2fa/authenticate/", {"code": totp_code(secret)}, form_from="b", node="a"
    )
    assert code_step.status_code == 302
    assert visitor.get("/admin/", node="b").status_code == 200
