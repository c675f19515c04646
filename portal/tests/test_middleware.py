import pytest


def test_a_health_check_gets_no_content_security_policy(client):
    response = client.get("/healthz/live")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers
    assert response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_html_pages_still_get_their_content_security_policy(client):
    response = client.get("/forums/")

    assert response.headers["Content-Type"].startswith("text/html")
    assert "nonce-" in response.headers["Content-Security-Policy"]
