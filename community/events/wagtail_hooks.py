from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from . import admin_views
from .forms import EventForm, EventSeriesForm
from .models import Event, EventSeries

# Registered before the viewsets ask for them (Wagtail would make a default policy).
register_permission_policy(
    Event, admin_views.GroupScopedPermissionPolicy(Event, scope=admin_views.event_scope)
)
register_permission_policy(
    EventSeries,
    admin_views.GroupScopedPermissionPolicy(EventSeries, scope=admin_views.series_scope),
)


class ScopedViewSet(ModelViewSet):
    add_to_admin_menu = True
    copy_view_enabled = False
    search_backend_name = None
    index_view_class = admin_views.ScopedIndexView
    delete_view_class = admin_views.ScopedDeleteView
    history_view_class = admin_views.ScopedHistoryView
    usage_view_class = admin_views.ScopedUsageView


class EventViewSet(ScopedViewSet):
    model = Event
    url_namespace = "events_admin"
    icon = "date"
    menu_label = "Events"
    menu_order = 253
    add_view_class = admin_views.EventCreateView
    edit_view_class = admin_views.EventEditView
    list_display = ["title", "starts_at", "group", "kind", "format", "status"]
    list_filter = ["kind", "format", "status", "group"]
    search_fields = ["title", "description", "venue_name", "postcode"]

    def get_form_class(self, for_update=False):
        return EventForm


class EventSeriesViewSet(ScopedViewSet):
    model = EventSeries
    url_namespace = "event_series_admin"
    icon = "repeat"
    menu_label = "Event series"
    menu_order = 254
    add_view_class = admin_views.SeriesCreateView
    edit_view_class = admin_views.SeriesEditView
    list_display = ["title", "rule_description", "group", "kind", "status"]
    list_filter = ["kind", "format", "status", "group"]
    search_fields = ["title", "description"]

    def get_form_class(self, for_update=False):
        return EventSeriesForm


@hooks.register("register_admin_viewset")
def register_event_viewsets():
    return [EventViewSet("events"), EventSeriesViewSet("event_series")]
