import functools
import logging

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)


@functools.cache
def admin_path_prefix() -> str:
    """The Wagtail admin's URL prefix, reversed once per process instead of per request."""
    return reverse("wagtailadmin_home")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with two policies: the site's strict, nonce-based policy
    (settings.CONTENT_SECURITY_POLICY or ..._REPORT_ONLY) everywhere, and the admin's own
    (settings.ADMIN_CONTENT_SECURITY_POLICY) under the Wagtail admin, which Wagtail's editor
    needs. A view's @csp_override still wins. Every page carries a fresh nonce. Responses
    that are not HTML (health checks, JSON, calendars, files) run no script and get no policy:
    building one cost more than the rest of a health check's middleware together."""

    def process_request(self, request):
        super().process_request(request)
        str(request.csp_nonce)  # the nonce is lazy; the policy promises one on every page

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        site_setting = (
            "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
        )
        if (
            parts.config is None
            and getattr(settings, site_setting, None)
            and request.path_info.startswith(admin_path_prefix())
        ):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


class SecurityHeadersMiddleware:
    """Permissions-Policy and Cross-Origin-Opener-Policy on every response; the
    Content-Security-Policy comes from ContentSecurityPolicyMiddleware and X-Frame-Options from
    Django's middleware (DENY; Wagtail's preview frames override it to SAMEORIGIN)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


MALFORMED_REQUEST = "This address contains characters that cannot be part of a web address."


class MalformedInputMiddleware:
    """A NUL character can reach no page: PostgreSQL refuses it in text, so a query string or
    path carrying one would end in a 500. Answer 400 before any view runs. (Form fields
    already refuse it through Django's ProhibitNullCharactersValidator.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only "%00" (or a raw NUL) in the query string decodes to a NUL: the query is parsed
        # only then, not on every request.
        query_string = request.META.get("QUERY_STRING", "")
        may_carry_nul = "%00" in query_string or "\x00" in query_string
        if (
            "\x00" in request.path
            or may_carry_nul
            and any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in request.GET.lists()
            )
        ):
            return HttpResponseBadRequest(MALFORMED_REQUEST, content_type="text/plain")
        return self.get_response(request)


def is_database_unavailable(exception: BaseException | None) -> bool:
    return isinstance(exception, (OperationalError, InterfaceError)) or (
        isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
    )


def database_unavailable_response() -> HttpResponse:
    """A static page: it needs neither the database nor the cache."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    return response


class DatabaseUnavailableMiddleware:
    """While the database is unreachable (a restart, a failover) readers get a friendly 503
    that needs neither database nor cache, and the next request after recovery works: Django
    reconnects on its own (CONN_HEALTH_CHECKS). This catches what views raise; an outage
    met earlier, in a middleware (the session, the staff check), reaches `portal.views.
    server_error`, which answers the same."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            logger.warning("Database unavailable: %s", exception)
            return database_unavailable_response()
        return None


def csp_nonce(request) -> dict:
    """Template context: {{ csp_nonce }} for a <script nonce=...> where one is unavoidable."""
    return {"csp_nonce": str(getattr(request, "csp_nonce", ""))}
