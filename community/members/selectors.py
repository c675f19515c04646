from allauth.account.models import EmailAddress
from django.shortcuts import get_object_or_404

from .models import DEFAULT_DELIVERY, Delivery, NotificationPreference, Profile
from .registry import export_sections


def display_name_of(user) -> str:
    """How the site names a member anywhere: their display name, never their email."""
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None else "member"


def profile_by_display_name(*, display_name: str) -> Profile:
    return get_object_or_404(
        Profile.objects.select_related("user").filter(user__is_active=True),
        display_name__iexact=display_name,
    )


def member_data_export(*, user) -> dict:
    """Everything the portal holds about one member, and nothing about anyone else."""
    profile = Profile.objects.filter(user=user).first()
    data = {
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "profile": None,
        "notification_preferences": None,
    }
    if profile is not None:
        data["profile"] = {
            "display_name": profile.display_name,
            "bio": profile.bio,
            "time_zone": profile.time_zone,
            "avatar": profile.avatar.name or None,
            "created_at": profile.created_at.isoformat(),
        }
        data["notification_preferences"] = {
            "replies_in_watched_threads": profile.notify_replies,
            "event_reminders": profile.notify_event_reminders,
            "weekly_digest": profile.weekly_digest,
            **notification_deliveries(user=user),
        }
    for name, collector in export_sections.items():
        data[name] = collector(user)
    return data


def notification_deliveries(*, user) -> dict[str, str]:
    """Every kind of notification with the member's choice, defaults filled in."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, default) for kind, default in DEFAULT_DELIVERY.items()}


def notification_delivery(*, user, kind: str) -> str:
    chosen = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("delivery", flat=True)
        .first()
    )
    return chosen or DEFAULT_DELIVERY[kind]


def wants_email(*, user, kind: str) -> bool:
    return bool(user.email) and notification_delivery(user=user, kind=kind) == Delivery.EMAIL
