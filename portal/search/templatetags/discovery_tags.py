"""What the home page shows beside the latest articles: lively public discussions and the next
events. Articles never import the community apps; the project joins them here."""

from django import template
from django.contrib.auth.models import AnonymousUser

from community.events.models import Event
from community.forums.models import SupportGroup, Thread

register = template.Library()


@register.simple_tag
def active_discussions(limit: int = 5):
    return list(
        Thread.objects.visible_to(AnonymousUser())
        .filter(group__visibility=SupportGroup.Visibility.PUBLIC)
        .select_related("group", "author__profile")
        .order_by("-last_post_at")[:limit]
    )


@register.simple_tag
def upcoming_events(limit: int = 4):
    return list(Event.objects.listed().select_related("group").order_by("starts_at")[:limit])
