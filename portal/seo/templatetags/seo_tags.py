import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()

JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data) -> str:
    """A JSON-LD block; <, > and & are escaped so member text can never close the script."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def breadcrumbs_jsonld(context, *pairs) -> str:
    """{% breadcrumbs_jsonld "Home" "/" "Support groups" url ... %}"""
    from ..jsonld import breadcrumb_list

    items = list(zip(pairs[::2], pairs[1::2], strict=True))
    return jsonld(breadcrumb_list(context["request"], items))


@register.simple_tag(takes_context=True)
def page_breadcrumbs_jsonld(context, page) -> str:
    from ..jsonld import breadcrumb_list

    if hasattr(page, "breadcrumb_pages"):  # our pages load their ancestors once per request
        ancestors = page.breadcrumb_pages
    else:
        ancestors = [a for a in page.get_ancestors() if a.depth > 1]
    items = [(a.title, a.url) for a in ancestors] + [(page.title, page.url)]
    return jsonld(breadcrumb_list(context["request"], items))


@register.simple_tag(takes_context=True)
def article_jsonld(context, article) -> str:
    from ..jsonld import medical_web_page

    return jsonld(medical_web_page(context["request"], article))


@register.simple_tag(takes_context=True)
def thread_jsonld(context, thread, posts) -> str:
    from ..jsonld import discussion_forum_posting

    return jsonld(discussion_forum_posting(context["request"], thread, posts))
