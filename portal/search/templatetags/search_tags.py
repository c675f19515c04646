from django import template

from ..selectors import highlight as highlight_markers
from ..selectors import highlight_query_words

register = template.Library()


@register.filter
def highlight(headline: str) -> str:
    return highlight_markers(headline)


@register.filter
def highlight_query(text: str, query: str) -> str:
    """{{ article.title|highlight_query:query }}: the query's words marked in our own text."""
    return highlight_query_words(text or "", query or "")
