import pytest

from portal.client_ip import client_ip, client_rate_limit_key


def request_from(rf, remote_addr="10.0.0.5", **headers):
    return rf.get("/", REMOTE_ADDR=remote_addr, headers=headers)


def test_without_trusted_proxies_the_connecting_address_counts_and_forwarded_for_is_ignored(
    rf, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = request_from(rf, "198.51.100.9", x_forwarded_for="203.0.113.7")

    assert client_ip(request) == "198.51.100.9"


def test_behind_one_trusted_proxy_the_address_it_saw_counts_not_what_the_visitor_wrote(
    rf, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = request_from(rf, x_forwarded_for="192.0.2.66, 203.0.113.7")

    assert client_ip(request) == "203.0.113.7"


def test_a_trusted_client_ip_header_wins(rf, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    request = request_from(rf, x_real_ip="203.0.113.8", x_forwarded_for="192.0.2.66")

    assert client_ip(request) == "203.0.113.8"


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
    ],
)
def test_an_ipv6_slash_64_is_one_visitor_for_rate_limits(rf, address, key):
    assert client_rate_limit_key(request_from(rf, address)) == key
