"""What the home page shows beside the latest articles: lively public discussions and the next
events. Articles never import the community apps; the project joins them here."""

from django import template

from community.events.selectors import listed_events
from community.forums.selectors import active_public_discussions

register = template.Library()


@register.simple_tag
def active_discussions(limit: int = 5):
    return active_public_discussions(limit=limit)


@register.simple_tag
def upcoming_events(limit: int = 4):
    return listed_events(limit=limit)
