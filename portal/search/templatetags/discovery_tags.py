"""What the home page shows beside the latest articles: lively public discussions and the next
events. Articles never import the community apps; the project joins them here."""

from django import template

from community.events.selectors import events_matching, listed_events
from community.forums.selectors import active_public_discussions
from community.forums.selectors import topic_discussions as discussions_of_topic

register = template.Library()


@register.simple_tag
def active_discussions(limit: int = 5):
    return active_public_discussions(limit=limit)


@register.simple_tag(takes_context=True)
def topic_discussions(context, topic, limit: int = 6):
    return list(discussions_of_topic(topic=topic, user=context["request"].user)[:limit])


@register.simple_tag(takes_context=True)
def topic_events(context, topic, limit: int = 4):
    return list(events_matching(query=topic.name, user=context["request"].user)[:limit])


@register.simple_tag
def upcoming_events(limit: int = 4):
    return listed_events(limit=limit)
