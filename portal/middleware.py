import logging
import secrets

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

SITE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce-{nonce}'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
# The Wagtail admin sets inline styles and previews pages in a same-origin frame; it still
# runs no script that is not its own file.
ADMIN_POLICY = {
    **SITE_POLICY,
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
    "frame-src": ["'self'"],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)


def _policy_header(policy: dict, nonce: str) -> str:
    return "; ".join(
        f"{directive} {' '.join(sources).format(nonce=nonce)}"
        for directive, sources in policy.items()
    )


class SecurityHeadersMiddleware:
    """Content-Security-Policy (with a per-request nonce for the rare script that needs one)
    and Permissions-Policy on every response; X-Frame-Options comes from Django's middleware
    (DENY; Wagtail's preview frames override it to SAMEORIGIN)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        in_admin = request.path.startswith("/admin/")
        policy = ADMIN_POLICY if in_admin else SITE_POLICY
        header = "Content-Security-Policy"
        if settings.CSP_REPORT_ONLY:
            header = "Content-Security-Policy-Report-Only"
        response.headers.setdefault(header, _policy_header(policy, request.csp_nonce))
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
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
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
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
