import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from .names import name_key
from .time_zones import default_time_zone, validate_time_zone

FORMER_MEMBER = "Former member"


def avatar_upload_to(instance: "Profile", filename: str) -> str:
    """Avatar files get a random name: nothing about the member is in the path."""
    return f"avatars/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=30)
    name_key = models.CharField(
        max_length=120,
        unique=True,
        editable=False,
        help_text="The display name as compared for look-alikes (community.members.names).",
    )
    avatar = models.ImageField(upload_to=avatar_upload_to, blank=True)
    bio = models.TextField(max_length=500, blank=True)
    time_zone = models.CharField(
        max_length=64, default=default_time_zone, validators=[validate_time_zone]
    )
    notify_replies = models.BooleanField("email me about replies in threads I watch", default=True)
    notify_event_reminders = models.BooleanField(
        "email me a reminder before events I booked", default=True
    )
    weekly_digest = models.BooleanField("send me a weekly digest", default=False)
    post_count = models.PositiveIntegerField(default=0)
    guidelines_accepted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the member agreed to the community guidelines."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("display_name"), name="profile_display_name_unique_ci")
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.display_name)
        if kwargs.get("update_fields") is not None and "display_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)


class MemberSession(models.Model):
    """The sessions a member is signed in with, so deleting the account can end all of them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Session of member {self.user_id}"


class NotificationKind(models.TextChoices):
    REPLY = "reply", "Replies to my threads"
    MENTION = "mention", "Quotes and @mentions of me"
    ANSWER = "answer", "My post marked as the answer"
    REACTION = "reaction", "Reactions to my posts"
    MODERATION = "moderation", "Moderators' decisions about my posts"
    EVENT_CHANGED = "event_changed", "My bookings, and changes to events I booked"
    WAITLIST_OFFERED = "waitlist_offered", "A place offered from a waiting list"


class Delivery(models.TextChoices):
    SITE = "site", "On the site"
    EMAIL = "email", "On the site and by email"
    OFF = "off", "Off"


DEFAULT_DELIVERY = {
    NotificationKind.REPLY: Delivery.SITE,
    NotificationKind.MENTION: Delivery.EMAIL,
    NotificationKind.ANSWER: Delivery.SITE,
    NotificationKind.REACTION: Delivery.SITE,
    NotificationKind.MODERATION: Delivery.EMAIL,
    NotificationKind.EVENT_CHANGED: Delivery.EMAIL,
    NotificationKind.WAITLIST_OFFERED: Delivery.EMAIL,
}


class NotificationPreference(models.Model):
    """A member's choice for one kind of notification; without a row, DEFAULT_DELIVERY holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    delivery = models.CharField(max_length=5, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_preference_unique_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"
