from django import template

from ..selectors import highlight as highlight_markers

register = template.Library()


@register.filter
def highlight(headline: str) -> str:
    return highlight_markers(headline)
