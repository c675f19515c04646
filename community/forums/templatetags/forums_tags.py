from django import template

from ..selectors import article_discussion_thread, latest_discussion_posts

register = template.Library()


@register.inclusion_tag("forums/includes/_article_discussion.html", takes_context=True)
def article_discussion(context, article):
    """The "Discuss this article" box on an article page: its thread and latest replies."""
    thread = article_discussion_thread(article=article)
    return {
        "article": article,
        "thread": thread,
        "latest_posts": latest_discussion_posts(thread=thread) if thread else [],
        "request": context.get("request"),
    }
