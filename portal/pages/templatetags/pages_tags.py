from django import template

from portal.pages.selectors import footer_links, trust_page_url

register = template.Library()


@register.simple_tag
def trust_links() -> list[tuple[str, str]]:
    return footer_links()


@register.simple_tag
def trust_url(role: str) -> str:
    return trust_page_url(role) or ""
