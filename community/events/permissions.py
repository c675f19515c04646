"""Who may do what with events. Editors (with `events.manage_all_events`) and superusers manage
every event; a support group's moderators are its organisers and manage only its events. Like
every moderator power, managing events and seeing who booked need a second factor."""

from django.contrib.auth.models import AbstractBaseUser

from community.forums.models import SupportGroup
from community.members.permissions import has_strong_second_factor


class SystemActor:
    """The portal itself acting: cron jobs, and a series creating its own occurrences. Event
    services take their actor explicitly; no actor is never read as the system."""

    pk = None
    is_authenticated = False

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()
# Who makes a change to events: a member with the right to, or SYSTEM.
Actor = AbstractBaseUser | SystemActor


def can_manage_all_events(user) -> bool:
    if user is SYSTEM:
        return True
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("events.manage_all_events"))
        and has_strong_second_factor(user)
    )


def organised_groups(user):
    """The groups whose events the user may create and edit."""
    if can_manage_all_events(user):
        return SupportGroup.objects.all()
    if not user.is_authenticated or not has_strong_second_factor(user):
        return SupportGroup.objects.none()
    return SupportGroup.objects.filter(moderators=user)


def can_manage_group_events(user, group_id: int | None) -> bool:
    """Events without a group belong to the whole site: only Editors and superusers."""
    if can_manage_all_events(user):
        return True
    if user is None or not user.is_authenticated or group_id is None:
        return False
    return SupportGroup.objects.filter(
        pk=group_id, moderators=user
    ).exists() and has_strong_second_factor(user)


def can_manage_event(user, event) -> bool:
    return can_manage_group_events(user, event.group_id)


def can_see_attendees(user, event) -> bool:
    """The event's organiser, its group's moderators, Editors and superusers see who booked."""
    if not user.is_authenticated:
        return False
    if event.organiser_id == user.pk:
        return has_strong_second_factor(user)
    return can_manage_event(user, event)
