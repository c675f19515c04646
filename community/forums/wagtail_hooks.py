from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import converters  # noqa: F401  (registers <id:...>)

from . import admin_views
from .models import CrisisExample, CrisisPhrase, CrisisWordClass, SupportGroup
from .permissions import can_moderate_anywhere


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("moderation/", admin_views.moderation_queue, name="forums_moderation_queue"),
        path("moderation/log/", admin_views.moderation_log, name="forums_moderation_log"),
        path("moderation/<id:pk>/", admin_views.moderate_post, name="forums_moderate_post"),
        path(
            "moderation/<id:pk>/contact/",
            admin_views.contact_member,
            name="forums_contact_member",
        ),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate_anywhere(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorMenuItem(
        "Moderation queue", reverse("forums_moderation_queue"), icon_name="warning", order=250
    )


@hooks.register("register_admin_menu_item")
def register_moderation_log_menu_item():
    return ModeratorMenuItem(
        "Moderation log", reverse("forums_moderation_log"), icon_name="list-ul", order=251
    )


class SupportGroupViewSet(ModelViewSet):
    model = SupportGroup
    icon = "group"
    menu_label = "Support groups"
    menu_order = 252
    add_to_admin_menu = True
    list_display = ["name", "visibility", "thread_count", "post_count", "last_post_at"]
    list_filter = ["visibility", "indexable"]
    search_fields = ["name", "description"]
    form_fields = [
        "name",
        "slug",
        "description",
        "visibility",
        "indexable",
        "requires_first_post_approval",
        "moderators",
        "position",
    ]


@hooks.register("register_admin_viewset")
def register_support_group_viewset():
    return SupportGroupViewSet("support_groups")


class CrisisPhraseViewSet(SnippetViewSet):
    """Editors and moderators keep the crisis warning signs; a saved phrase counts at once."""

    model = CrisisPhrase
    icon = "warning"
    menu_label = "Crisis phrases"
    list_display = ["phrase", "kind", "max_gap", "active", "note"]
    list_filter = ["kind", "active"]
    search_fields = ["phrase", "note"]


class CrisisWordClassViewSet(SnippetViewSet):
    """Synonyms the crisis phrases refer to as <name>; a saved class counts at once."""

    model = CrisisWordClass
    icon = "list-ul"
    menu_label = "Crisis word classes"
    list_display = ["name", "note"]
    search_fields = ["name", "words", "note"]


class CrisisExampleViewSet(SnippetViewSet):
    """Whole sentences the crisis check compares posts with by meaning; a save counts at once."""

    model = CrisisExample
    icon = "openquote"
    menu_label = "Crisis example sentences"
    list_display = ["text", "kind", "active", "note"]
    list_filter = ["kind", "active"]
    search_fields = ["text", "note"]


register_snippet(CrisisPhraseViewSet)
register_snippet(CrisisExampleViewSet)
register_snippet(CrisisWordClassViewSet)
