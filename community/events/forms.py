"""The forms editors and organisers use in the Wagtail admin. Times are typed as the event's
own local wall-clock time and stored in UTC with the event's IANA time zone."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.widgets import AdminDateTimeInput

from community.members.time_zones import default_time_zone, time_zone_choices

from . import errors
from .models import SHARED_FIELDS, Event, EventSeries
from .permissions import can_manage_all_events, organised_groups


class LocalDateTimeField(forms.DateTimeField):
    """A date and wall-clock time with no zone of its own: the form attaches the event's."""

    widget = AdminDateTimeInput

    def to_python(self, value):
        with timezone.override(UTC):
            result = super().to_python(value)
        return result.replace(tzinfo=None) if result else result


class OrganiserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        profile = getattr(user, "profile", None)
        return profile.display_name if profile is not None else user.get_username()


def organiser_candidates(current_id: int | None):
    """People who run events: group moderators, staff groups and superusers. Members are
    listed by display name only."""
    return (
        get_user_model()
        .objects.filter(
            Q(moderated_groups__isnull=False)
            | Q(groups__name__in=["Editors", "Moderators"])
            | Q(is_superuser=True)
            | Q(pk=current_id)
        )
        .filter(is_active=True)
        .select_related("profile")
        .distinct()
        .order_by("profile__display_name", "pk")
    )


class ScopedEventFormMixin(forms.Form):
    """Organisers may only choose the groups they organise; Editors and superusers any group,
    or none."""

    time_zone = forms.ChoiceField(
        choices=time_zone_choices,
        initial=default_time_zone,
        error_messages={"invalid_choice": errors.UNKNOWN_TIME_ZONE},
    )
    capacity = forms.IntegerField(
        required=False,
        min_value=0,
        help_text="Number of places. Leave empty for no limit.",
        error_messages={"min_value": errors.NEGATIVE_CAPACITY},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        self.fields["organiser"] = OrganiserChoiceField(
            queryset=organiser_candidates(self.instance.organiser_id),
            required=False,
            initial=user.pk if user is not None and not self.instance.pk else None,
        )
        if user is not None:
            self.fields["group"].queryset = organised_groups(user)
            if not can_manage_all_events(user):
                self.fields["group"].required = True
                self.fields["group"].error_messages["required"] = errors.GROUP_REQUIRED
                self.fields["group"].error_messages["invalid_choice"] = errors.GROUP_NOT_YOURS

    def model_values(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if name in self.cleaned_data and name not in self.local_time_fields
        }

    local_time_fields: tuple[str, ...] = ()


class EventForm(ScopedEventFormMixin, WagtailAdminModelForm):
    local_start = LocalDateTimeField(label="Starts (local time)")
    local_end = LocalDateTimeField(label="Ends (local time)")
    local_rsvp_deadline = LocalDateTimeField(
        label="Booking closes (local time)", required=False, help_text="Optional."
    )
    local_time_fields = ("local_start", "local_end", "local_rsvp_deadline")

    class Meta:
        model = Event
        formfield_callback = formfield_for_dbfield
        fields = [
            "title",
            "description",
            "kind",
            "format",
            "group",
            "organiser",
            "status",
            "time_zone",
            "local_start",
            "local_end",
            "local_rsvp_deadline",
            "capacity",
            "region",
            "venue_name",
            "address",
            "postcode",
            "latitude",
            "longitude",
            "step_free_access",
            "seating",
            "hearing_loop",
            "accessibility_notes",
            "online_url",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.pk:
            self.initial.setdefault("local_start", event.local_start.replace(tzinfo=None))
            self.initial.setdefault("local_end", event.local_end.replace(tzinfo=None))
            if event.rsvp_deadline is not None:
                deadline = event.rsvp_deadline.astimezone(event.tzinfo).replace(tzinfo=None)
                self.initial.setdefault("local_rsvp_deadline", deadline)

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        if zone is None:
            return cleaned
        tzinfo = ZoneInfo(zone)

        def aware(name: str) -> datetime | None:
            value = cleaned.get(name)
            return value.replace(tzinfo=tzinfo) if value is not None else None

        starts_at, ends_at = aware("local_start"), aware("local_end")
        if starts_at is not None and ends_at is not None and ends_at <= starts_at:
            self.add_error("local_end", errors.END_BEFORE_START)
        self.instance.starts_at, self.instance.ends_at = starts_at, ends_at
        self.instance.rsvp_deadline = aware("local_rsvp_deadline")
        return cleaned

    def event_values(self) -> dict:
        """What the services take: model fields, times in UTC."""
        values = self.model_values()
        for name in ("starts_at", "ends_at", "rsvp_deadline"):
            value = getattr(self.instance, name)
            values[name] = value.astimezone(UTC) if value is not None else None
        return values


class EventSeriesForm(ScopedEventFormMixin, WagtailAdminModelForm):
    class Meta:
        model = EventSeries
        formfield_callback = formfield_for_dbfield
        fields = [
            *SHARED_FIELDS[:2],
            "frequency",
            "weekday",
            "ordinal",
            "start_time",
            "duration_minutes",
            "starts_on",
            "ends_on",
            "rsvp_hours_before",
            *SHARED_FIELDS[2:],
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("frequency") == EventSeries.Frequency.MONTHLY and not cleaned.get("ordinal"):
            self.add_error("ordinal", errors.ORDINAL_REQUIRED)
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", errors.SERIES_ENDS_BEFORE_START)
        return cleaned

    def changed_values(self) -> dict:
        return {
            name: value for name, value in self.model_values().items() if name in self.changed_data
        }
