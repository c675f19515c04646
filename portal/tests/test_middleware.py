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


@pytest.mark.parametrize("query", ["q=%00", "q=a%00b", "%00=x", "page=2&q=%00"])
def test_a_nul_anywhere_in_the_query_string_is_refused(client, query):
    response = client.get(f"/healthz/live?{query}")

    assert response.status_code == 400


def test_an_escaped_percent_sign_before_two_zeros_is_no_nul(client):
    assert client.get("/healthz/live?q=%2500").status_code == 200
