"""The one answer to "which visitor is this?" for every rate limit keyed by address.

It is allauth's answer (so the contact form and allauth's own sign-in limits agree): the
connecting address, unless the site runs behind proxies it controls, which settings say:
ALLAUTH_TRUSTED_PROXY_COUNT (take the address that many hops from the right of
X-Forwarded-For) or ALLAUTH_TRUSTED_CLIENT_IP_HEADER (a header the proxy sets, such as
X-Real-IP). Without either, X-Forwarded-For is ignored: anyone can write it."""

import ipaddress

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied

UNKNOWN_CLIENT = "unknown"
# One household or one attacker holds a whole IPv6 /64, so it counts as one visitor.
IPV6_PREFIX = 64


def client_ip(request) -> str:
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return UNKNOWN_CLIENT


def client_rate_limit_key(request) -> str:
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False))
    return str(parsed)
