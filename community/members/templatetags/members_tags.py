from django import template
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from community.members.permissions import may_enter_admin

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_userbar(context, position: str = "bottom-right") -> str:
    """Wagtail's userbar for those who may enter the admin, decided without a query for a
    member who may not (`may_enter_admin`); Wagtail's own tag asks the permission backends
    on every page."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not may_enter_admin(user):
        return ""
    return wagtailuserbar(context, position)
