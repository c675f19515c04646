from django import template

from .. import jsonld as structured_data

register = template.Library()


@register.simple_tag
def jsonld(data) -> str:
    return structured_data.script_element(data)


@register.simple_tag
def breadcrumbs_jsonld(*pairs) -> str:
    """{% breadcrumbs_jsonld "Home" "/" "Support groups" url ... %}"""
    items = list(zip(pairs[::2], pairs[1::2], strict=True))
    return jsonld(structured_data.breadcrumb_list(items))


@register.simple_tag(takes_context=True)
def page_breadcrumbs_jsonld(context, page) -> str:
    if hasattr(page, "breadcrumb_pages"):  # our pages load their ancestors once per request
        ancestors = page.breadcrumb_pages
    else:
        ancestors = [a for a in page.get_ancestors() if a.depth > 1]
    request = context.get("request")  # the site's root paths are then read once per request
    items = [(a.title, a.get_url(request)) for a in [*ancestors, page]]
    return jsonld(structured_data.breadcrumb_list(items))


@register.simple_tag
def article_jsonld(article) -> str:
    return jsonld(structured_data.medical_web_page(article))


@register.simple_tag
def thread_jsonld(thread, posts) -> str:
    return jsonld(structured_data.discussion_forum_posting(thread, posts))


@register.simple_tag(takes_context=True)
def webcal_url(context, path: str) -> str:
    """The calendar feed at `path` as a webcal:// address: calendar apps open it as a
    subscription, which they refresh by themselves."""
    return f"webcal://{context['request'].get_host()}{path}"
