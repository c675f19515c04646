import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control, never_cache
from django.views.static import serve

from portal.middleware import database_unavailable_response, is_database_unavailable

logger = logging.getLogger(__name__)


@cache_control(max_age=24 * 60 * 60, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to; pages link the SVG."""
    icon = settings.BASE_DIR / "static" / "favicon.ico"
    return FileResponse(icon.open("rb"), content_type="image/x-icon")


@never_cache
def liveness(request):
    """The process is up. Touches nothing else; also the "bare Django view" of the benchmarks."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def healthz(request):
    """Ready to serve: the database and the cache both answer. 200 or 503, no login."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:
        logger.warning("Health check: database unreachable", exc_info=True)
        checks["database"] = "unavailable"
    try:
        cache.set("healthz", "ok", timeout=5)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "unavailable"
    except Exception:
        logger.warning("Health check: cache unreachable", exc_info=True)
        checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


def server_error(request):
    """The 500 handler: a database outage met outside a view still gets the 503 page."""
    if is_database_unavailable(sys.exc_info()[1]):
        logger.warning("Database unavailable: %s", sys.exc_info()[1])
        return database_unavailable_response()
    return HttpResponseServerError(render_to_string("500.html"))


def media(request, path: str):
    """Uploaded files, where SERVE_MEDIA is on (development, tests)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
