import logging
import secrets
from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from portal import pagecache
from portal.mail import forget_emails_to

from .models import MemberSession, Profile
from .registry import deletion_handlers

logger = logging.getLogger(__name__)

DISPLAY_NAME_TAKEN = "That display name is taken. Please choose another."


class DisplayNameTaken(Exception):
    message = DISPLAY_NAME_TAKEN


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
