from django import template

from portal.pages.selectors import footer_links, trust_page_urls

register = template.Library()


def _trust_page_urls(context) -> dict[str, str]:
    """Read once per request: the header and the footer both show these links."""
    request = context.get("request")
    if request is None:
        return trust_page_urls()
    if not hasattr(request, "_trust_page_urls"):
        versions = getattr(request, "_page_cache_versions", None)  # read by a served page
        request._trust_page_urls = trust_page_urls(
            tree_version=versions["page_tree"] if versions else None
        )
    return request._trust_page_urls


@register.simple_tag(takes_context=True)
def trust_links(context) -> list[tuple[str, str]]:
    return footer_links(urls=_trust_page_urls(context))


@register.simple_tag(takes_context=True)
def trust_url(context, role: str) -> str:
    return _trust_page_urls(context).get(role) or ""
