import pytest

from community.members.tests.factories import UserFactory, enrol_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    enrol_totp(admin)
    client.force_login(admin)
    return client


def directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_admin_policy_lets_wagtail_run_its_own_scripts_and_nothing_from_elsewhere(admin_client):
    policy = admin_client.get("/admin/images/")["Content-Security-Policy"]

    assert directives(policy)["script-src"] == "'self' 'unsafe-inline'"
    assert directives(policy)["object-src"] == "'none'"
    assert directives(policy)["frame-ancestors"] == "'self'"
    assert "http" not in policy


def test_public_pages_get_a_fresh_nonce_on_every_response(client):
    first = client.get("/accounts/login/")["Content-Security-Policy"]
    second = client.get("/accounts/login/")["Content-Security-Policy"]

    assert "'nonce-" in first
    assert first != second
    assert directives(first)["script-src"].startswith("'self' 'nonce-")


def test_report_only_mode_reports_both_policies(admin_client, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None

    public = admin_client.get("/accounts/login/")
    admin = admin_client.get("/admin/images/")

    assert "Content-Security-Policy" not in public
    public_policy = directives(public["Content-Security-Policy-Report-Only"])
    admin_policy = directives(admin["Content-Security-Policy-Report-Only"])
    assert public_policy["script-src"].startswith("'self' 'nonce-")
    assert admin_policy["script-src"] == "'self' 'unsafe-inline'"
