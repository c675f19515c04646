from django import template

from articles.selectors import article_index_url

register = template.Library()


@register.simple_tag(name="article_index_url")
def article_index_url_tag() -> str:
    return article_index_url()
