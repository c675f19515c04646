import logging
import secrets
from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from portal import pagecache
from portal.mail import forget_emails_to, read_unsubscribe_token

from .models import (
    DEFAULT_DELIVERY,
    Delivery,
    MemberSession,
    NotificationKind,
    NotificationPreference,
    Profile,
)
from .registry import deletion_handlers, unsubscribe_handlers

logger = logging.getLogger(__name__)

DISPLAY_NAME_TAKEN = "That display name is taken. Please choose another."


UNSUBSCRIBE_INVALID = "This unsubscribe link is not valid. It may have been changed or cut short."
UNSUBSCRIBE_EXPIRED = (
    "This unsubscribe link is too old to use. Please choose your emails in your notification "
    "settings instead."
)
UNSUBSCRIBE_GONE = "What this link was about no longer exists, so it sends you no more emails."
EVENT_REMINDERS = "event_reminder"


class DisplayNameTaken(Exception):
    message = DISPLAY_NAME_TAKEN


class UnsubscribeLinkInvalid(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _save_profile(profile: Profile) -> Profile:
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as error:
        raise DisplayNameTaken(DISPLAY_NAME_TAKEN) from error
    return profile


def profile_create(*, user, display_name: str, guidelines_accepted_at=None) -> Profile:
    return _save_profile(
        Profile(user=user, display_name=display_name, guidelines_accepted_at=guidelines_accepted_at)
    )


def profile_ensure(*, user) -> Profile:
    """Accounts made outside signup (administrators, the demo loader) get a placeholder name
    they can change."""
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    while True:
        try:
            return profile_create(user=user, display_name=f"Member {secrets.randbelow(10**6)}")
        except DisplayNameTaken:
            continue


@transaction.atomic
def profile_update(*, profile: Profile, data: dict, new_avatar=None) -> Profile:
    """Save the member's profile; a replaced avatar file is removed once the change commits."""
    old_avatar = profile.avatar.name if profile.avatar else ""
    for field, value in data.items():
        setattr(profile, field, value)
    if new_avatar is not None:
        profile.avatar.save(new_avatar.name, new_avatar, save=False)
    _save_profile(profile)
    if new_avatar is not None and old_avatar:
        transaction.on_commit(lambda: default_storage.delete(old_avatar))
    return profile


def member_session_record(*, user, session_key: str) -> None:
    MemberSession.objects.update_or_create(session_key=session_key, defaults={"user": user})


def _end_sessions(session_keys: list[str]) -> None:
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in session_keys:
        session_store(session_key=key).delete()


@transaction.atomic
def account_delete(*, user, keep_posts: bool) -> None:
    """Delete a member and everything that identifies them, in one transaction. With
    keep_posts their posts stay, shown as by a former member; otherwise they are erased."""
    for handler in deletion_handlers:
        handler(user=user, keep_posts=keep_posts)
    profile = Profile.objects.filter(user=user).first()
    avatar_name = profile.avatar.name if profile and profile.avatar else ""
    session_keys = list(user.member_sessions.values_list("session_key", flat=True))
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    _end_sessions(session_keys)
    forget_emails_to(addresses=sorted(address for address in addresses if address))
    user.delete()
    # Cached pages for anonymous readers may show the member's name or words.
    transaction.on_commit(lambda: pagecache.invalidate(*pagecache.AREAS))
    if avatar_name:
        transaction.on_commit(lambda: default_storage.delete(avatar_name))
    logger.info(
        "A member account was deleted; posts %s.", "kept anonymised" if keep_posts else "erased"
    )


@transaction.atomic
def notification_preferences_set(*, user, deliveries: dict[str, str]) -> None:
    for kind, delivery in deliveries.items():
        if kind not in DEFAULT_DELIVERY or delivery not in Delivery.values:
            raise ValueError(f"unknown notification kind or delivery: {kind}={delivery}")
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery}
        )


# What the member will get no more emails about, in the words the confirmation uses.
EMAILS_STOPPED = {
    NotificationKind.REPLY: "replies to your threads",
    NotificationKind.MENTION: "quotes and @mentions of you",
    NotificationKind.ANSWER: "your posts marked as the answer",
    NotificationKind.REACTION: "reactions to your posts",
    NotificationKind.MODERATION: "moderators' decisions about your posts",
    NotificationKind.EVENT_CHANGED: "your bookings and changes to events you booked",
    NotificationKind.WAITLIST_OFFERED: "places offered to you from a waiting list",
}


def email_unsubscribe(*, user_id: int, target: str) -> str:
    """Stops one kind of email; the notification stays on the site."""
    if target == EVENT_REMINDERS:
        Profile.objects.filter(user_id=user_id).update(notify_event_reminders=False)
        return "reminders of events you booked"
    if target not in DEFAULT_DELIVERY:
        raise LookupError(target)
    preference, _created = NotificationPreference.objects.get_or_create(
        user_id=user_id, kind=target, defaults={"delivery": DEFAULT_DELIVERY[target]}
    )
    if preference.delivery == Delivery.EMAIL:
        preference.delivery = Delivery.SITE
        preference.save(update_fields=["delivery"])
    return EMAILS_STOPPED[NotificationKind(target)]


def read_unsubscribe_link(*, token: str) -> dict:
    try:
        data = read_unsubscribe_token(token)
    except signing.SignatureExpired as error:
        raise UnsubscribeLinkInvalid(UNSUBSCRIBE_EXPIRED) from error
    except signing.BadSignature as error:
        raise UnsubscribeLinkInvalid(UNSUBSCRIBE_INVALID) from error
    if data["scope"] not in unsubscribe_handlers:
        raise UnsubscribeLinkInvalid(UNSUBSCRIBE_INVALID)
    return data


@transaction.atomic
def unsubscribe_by_link(*, token: str) -> str:
    """The one-click unsubscribe of RFC 8058: the signed token is the only credential, so no
    sign-in is needed. Returns what the member will hear no more about."""
    data = read_unsubscribe_link(token=token)
    handler = unsubscribe_handlers[data["scope"]]
    try:
        return handler(user_id=data["user_id"], target=data["target"])
    except LookupError as error:
        raise UnsubscribeLinkInvalid(UNSUBSCRIBE_GONE) from error
