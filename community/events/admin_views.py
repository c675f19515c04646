"""Events and series in the Wagtail admin. Editors and superusers see and edit every event;
a group's organisers (its moderators) only their groups' events: anyone else's answer 404 and
cannot be chosen. Saving goes through the services, so SEQUENCE and attendee emails follow."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from . import selectors, services
from .errors import EventError
from .permissions import can_manage_group_events


class GroupScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (add, change, view) say what a user may do with events at all; the
    event's group says which ones."""

    def __init__(self, model, *, scope):
        super().__init__(model)
        self.scope = scope

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_manage_group_events(
            user, instance.group_id
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


class ScopedObjectMixin:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not can_manage_group_events(self.request.user, obj.group_id):
            raise Http404("No such event")
        return obj


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        policy = self.permission_policy
        return policy.instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "view"]
        ).select_related("group")


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, UsageView):
    pass


def _refused(error: EventError) -> PermissionDenied:
    return PermissionDenied(error.message)


class EventCreateView(generic.CreateView):
    def save_instance(self):
        try:
            event = services.event_create(by=self.request.user, **self.form.event_values())
        except EventError as error:
            raise _refused(error) from error
        log(event, "wagtail.create", user=self.request.user)
        return event


class EventEditView(ScopedEditView):
    def save_instance(self):
        try:
            event = services.event_update(
                event=self.object, by=self.request.user, **self.form.event_values()
            )
        except EventError as error:
            raise _refused(error) from error
        log(event, "wagtail.edit", user=self.request.user)
        return event


class SeriesCreateView(generic.CreateView):
    def save_instance(self):
        try:
            series = services.series_create(by=self.request.user, **self.form.model_values())
        except EventError as error:
            raise _refused(error) from error
        log(series, "wagtail.create", user=self.request.user)
        return series


class SeriesEditView(ScopedEditView):
    def save_instance(self):
        try:
            series = services.series_update_future(
                series=self.object, by=self.request.user, **self.form.changed_values()
            )
        except EventError as error:
            raise _refused(error) from error
        log(series, "wagtail.edit", user=self.request.user)
        return series


def event_scope(user):
    return selectors.manageable_events(user)


def series_scope(user):
    return selectors.manageable_series(user)
