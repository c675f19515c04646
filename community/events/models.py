import uuid
from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from community.forums.models import SupportGroup
from community.members.time_zones import time_zone_names

from . import errors

USER = settings.AUTH_USER_MODEL


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(errors.UNKNOWN_TIME_ZONE, code="time_zone")


class Kind(models.TextChoices):
    GROUP_MEETING = "group-meeting", "Group meeting"
    WEBINAR = "webinar", "Webinar"
    EXERCISE_CLASS = "exercise-class", "Exercise class"
    TALK = "talk", "Talk"


class Format(models.TextChoices):
    IN_PERSON = "in-person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid: in person and online"


class Region(models.TextChoices):
    NORTH_EAST = "north-east", "North East England"
    NORTH_WEST = "north-west", "North West England"
    YORKSHIRE = "yorkshire", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east-midlands", "East Midlands"
    WEST_MIDLANDS = "west-midlands", "West Midlands"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south-east", "South East England"
    SOUTH_WEST = "south-west", "South West England"
    SCOTLAND = "scotland", "Scotland"
    WALES = "wales", "Wales"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"
    ONLINE = "online", "Online"


class EventDetails(models.Model):
    """What an event and the series it comes from share: a series' occurrences copy it."""

    title = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.GROUP_MEETING)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    region = models.CharField(max_length=20, choices=Region.choices, blank=True)
    venue_name = models.CharField(max_length=150, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    step_free_access = models.BooleanField(default=False)
    seating = models.BooleanField("seating available", default=False)
    hearing_loop = models.BooleanField(default=False)
    accessibility_notes = models.TextField(blank=True)
    online_url = models.URLField(
        "online join link", blank=True, help_text="Shown only to members with a confirmed place."
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Number of places. Leave empty for no limit."
    )
    time_zone = models.CharField(
        max_length=64, default="Europe/London", validators=[validate_time_zone]
    )

    class Meta:
        abstract = True

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def is_online(self) -> bool:
        return self.format in (Format.ONLINE, Format.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.format in (Format.IN_PERSON, Format.HYBRID)


# The fields an occurrence takes from its series (besides its times).
SHARED_FIELDS = [
    *(field.name for field in EventDetails._meta.local_fields if field.name != "id"),
    "group",
    "organiser",
]


class EventSeries(EventDetails):
    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Every week"
        MONTHLY = "monthly", "Every month"

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    class Ordinal(models.IntegerChoices):
        FIRST = 1, "First"
        SECOND = 2, "Second"
        THIRD = 3, "Third"
        FOURTH = 4, "Fourth"
        LAST = -1, "Last"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CANCELLED = "cancelled", "Cancelled"

    group = models.ForeignKey(
        SupportGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_series",
    )
    organiser = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="organised_series"
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    ordinal = models.SmallIntegerField(
        "week of the month",
        choices=Ordinal.choices,
        null=True,
        blank=True,
        help_text="Monthly series only: for example “first” for the first Tuesday.",
    )
    start_time = models.TimeField(help_text="Local time in the series' time zone.")
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    starts_on = models.DateField(help_text="No occurrence before this date.")
    ends_on = models.DateField(null=True, blank=True, help_text="Leave empty to go on.")
    rsvp_hours_before = models.PositiveSmallIntegerField(
        "booking closes (hours before)", null=True, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "event series"
        verbose_name_plural = "event series"
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=0) | Q(capacity__isnull=True),
                name="series_capacity_not_negative",
                violation_error_message=errors.NEGATIVE_CAPACITY,
            ),
            models.CheckConstraint(
                condition=Q(frequency="weekly") | Q(ordinal__isnull=False),
                name="series_monthly_has_ordinal",
                violation_error_message=errors.ORDINAL_REQUIRED,
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="series_ends_after_start",
                violation_error_message=errors.SERIES_ENDS_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0), name="series_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def rule_description(self) -> str:
        day = self.Weekday(self.weekday).label
        at = self.start_time.strftime("%H:%M")
        if self.frequency == self.Frequency.WEEKLY:
            return f"Every {day} at {at} ({self.time_zone})"
        ordinal = self.Ordinal(self.ordinal).label.lower()
        return f"The {ordinal} {day} of each month at {at} ({self.time_zone})"


# Sub-paths of an event's URL, which a slug must not look like.
RESERVED_SLUGS = {"rsvp", "attendees"}


def event_slug(title: str) -> str:
    slug = slugify(title)[:140] or "event"
    return f"{slug}-event" if slug in RESERVED_SLUGS else slug


class EventQuerySet(models.QuerySet):
    def visible_to(self, user) -> "EventQuerySet":
        """Events of members-only groups are for signed-in members; everything else is public."""
        if user.is_authenticated:
            return self
        return self.public()

    def public(self) -> "EventQuerySet":
        return self.filter(
            Q(group__isnull=True) | Q(group__visibility=SupportGroup.Visibility.PUBLIC)
        )

    def listed(self, now: datetime | None = None) -> "EventQuerySet":
        """What the portal lists to everyone (home page, events feed, sitemap): upcoming,
        public, not cancelled."""
        return self.public().upcoming(now).exclude(status=Event.Status.CANCELLED)

    def upcoming(self, now: datetime | None = None) -> "EventQuerySet":
        return self.filter(ends_at__gt=now or timezone.now())

    def past(self, now: datetime | None = None) -> "EventQuerySet":
        return self.filter(ends_at__lte=now or timezone.now())

    def with_confirmed_count(self) -> "EventQuerySet":
        confirmed = (
            RSVP.objects.filter(event=OuterRef("pk"), status=RSVP.Status.CONFIRMED)
            .order_by()
            .values("event")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.annotate(confirmed_count=Coalesce(Subquery(confirmed), 0))


class Event(EventDetails):
    Kind = Kind
    Format = Format
    Region = Region

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    series = models.ForeignKey(
        EventSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="occurrences",
    )
    series_date = models.DateField(
        null=True, blank=True, editable=False, help_text="The date in the series' rule."
    )
    slug = models.SlugField(max_length=150)
    group = models.ForeignKey(
        SupportGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    organiser = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="organised_events"
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    rsvp_deadline = models.DateTimeField("booking closes", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        permissions = [("manage_all_events", "Can manage the events of every group")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=errors.END_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=0) | Q(capacity__isnull=True),
                name="event_capacity_not_negative",
                violation_error_message=errors.NEGATIVE_CAPACITY,
            ),
            models.UniqueConstraint(
                fields=["series", "series_date"],
                condition=Q(series__isnull=False),
                name="event_one_occurrence_per_series_date",
            ),
        ]
        indexes = [models.Index(fields=["ends_at", "starts_at"], name="event_listing")]

    def __str__(self) -> str:
        if self.starts_at is None:
            return self.title
        return f"{self.title} ({self.local_start:%d %b %Y})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = event_slug(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", args=[self.pk, self.slug])

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.tzinfo)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(self.tzinfo)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def seats_left(self) -> int | None:
        """Needs the confirmed_count annotation (EventQuerySet.with_confirmed_count)."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.seats_left == 0

    @property
    def map_url(self) -> str:
        """OpenStreetMap at the venue: by coordinates when known, else a search."""
        if self.latitude is not None and self.longitude is not None:
            lat, lon = self.latitude, self.longitude
            return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
        query = ", ".join(
            part.strip()
            for part in [self.venue_name, *self.address.splitlines(), self.postcode]
            if part.strip()
        )
        return f"https://www.openstreetmap.org/search?{urlencode({'query': query})}"

    @property
    def ical_uid(self) -> str:
        return f"{self.uid}@{settings.EVENTS_CALENDAR_UID_DOMAIN}"


class RSVP(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="event_rsvps")
    status = models.CharField(max_length=10, choices=Status.choices)
    waitlist_position = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "RSVP"
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="rsvp_one_per_member"),
            models.UniqueConstraint(
                fields=["event", "waitlist_position"],
                condition=Q(waitlist_position__isnull=False),
                name="rsvp_unique_waitlist_position",
            ),
            models.CheckConstraint(
                condition=(Q(status="waitlisted") & Q(waitlist_position__isnull=False))
                | (~Q(status="waitlisted") & Q(waitlist_position__isnull=True)),
                name="rsvp_position_only_when_waiting",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="rsvp_event_status")]

    def __str__(self) -> str:
        return f"RSVP {self.pk}: member {self.member_id} to event {self.event_id} ({self.status})"


class DigestDelivery(models.Model):
    """One weekly digest per member per week, the week named by its first day in the member's
    own zone. The cron command claims this row before it emails, so a rerun (or two runs at
    once) sends nothing twice. `sent` is False for weeks with nothing to tell."""

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="digest_deliveries")
    week_of = models.DateField()
    sent = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "digest deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "week_of"], name="digest_one_per_member_and_week"
            )
        ]

    def __str__(self) -> str:
        return f"Digest for member {self.member_id}, week of {self.week_of}"
