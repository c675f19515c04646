from django import template

from ..selectors import article_discussion_box

register = template.Library()


@register.inclusion_tag("forums/includes/_article_discussion.html", takes_context=True)
def article_discussion(context, article):
    """The "Discuss this article" box on an article page: its thread and latest replies."""
    thread, latest_posts = article_discussion_box(article=article)
    return {
        "article": article,
        "thread": thread,
        "latest_posts": latest_posts,
        "request": context.get("request"),
    }
