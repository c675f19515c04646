from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control

DISALLOWED = ["/admin/", "/accounts/", "/members/", "/search/", "/forums/unsubscribe/"]


@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
