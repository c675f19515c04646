import time

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import transaction

EMAIL_NOT_VERIFIED = (
    "Please confirm your email address first: follow the link in the email we sent you. "
    "You can ask for a new link on your account's email page."
)
SIGN_IN_REQUIRED = "Please sign in first."


class VerificationRequired(Exception):
    def __init__(self, message: str = EMAIL_NOT_VERIFIED):
        super().__init__(message)
        self.message = message


def has_verified_email(user) -> bool:
    return user.is_authenticated and EmailAddress.objects.filter(user=user, verified=True).exists()


def require_verified_member(user) -> None:
    """The check forums and events call before a member may post or book: signed in, with a
    confirmed email address."""
    if not user.is_authenticated:
        raise VerificationRequired(SIGN_IN_REQUIRED)
    if not has_verified_email(user):
        raise VerificationRequired(EMAIL_NOT_VERIFIED)


def is_staff_member(user) -> bool:
    """Editors, medical reviewers, moderators and administrators: anyone who may enter the
    Wagtail admin."""
    return user.is_authenticated and (
        user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")
    )


ADMIN_ACCESS = "wagtailadmin.access_admin"
# Asked on member pages (the userbar; the forums' site-moderator check): answered together on a
# miss, since the backends load a member's whole permission set for the first answer anyway.
PAGE_PERMISSIONS = (ADMIN_ACCESS, "forums.moderate_forums")
# Per member: (generation, {permission: answer}); the generation moves on any change to
# permissions, groups or support-group moderators (forget_permissions).
PERMISSIONS_KEY = "members:permissions:{user_id}"
PERMISSIONS_GENERATION_KEY = "members:permissions:generation"
PERMISSIONS_SECONDS = 60 * 60


def has_permission(user, perm: str) -> bool:
    """`user.has_perm(perm)` as every authentication backend answers it (the member's own
    and their groups' permissions; moderating a support group gives admin access), read from
    the cache once known: one cache round trip a request instead of two or three queries for
    each permission a page asks about. The answers change only with the permission tables,
    which `forget_permissions` watches. The admin's own checks, and
    StaffMFARequiredMiddleware, still ask `has_perm`."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    known = getattr(user, "_cached_permissions", None)
    if known is None:
        key = PERMISSIONS_KEY.format(user_id=user.pk)
        found = cache.get_many([PERMISSIONS_GENERATION_KEY, key])
        generation = found.get(PERMISSIONS_GENERATION_KEY)
        if generation is None:
            cache.add(PERMISSIONS_GENERATION_KEY, time.time_ns(), timeout=None)
            generation = cache.get(PERMISSIONS_GENERATION_KEY)
        stored = found.get(key)
        answers = stored[1] if stored and stored[0] == generation else {}
        known = user._cached_permissions = (generation, answers)
    generation, answers = known
    if perm not in answers:
        for asked in {perm, *PAGE_PERMISSIONS} - answers.keys():
            answers[asked] = user.has_perm(asked)
        if generation is not None:
            cache.set(
                PERMISSIONS_KEY.format(user_id=user.pk),
                (generation, answers),
                timeout=PERMISSIONS_SECONDS,
            )
    return answers[perm]


def may_enter_admin(user) -> bool:
    """Whether to show the way into the Wagtail admin (its userbar)."""
    return has_permission(user, ADMIN_ACCESS)


def forget_permissions(**kwargs) -> None:
    """Every member's permissions are looked up again once the change has committed:
    connected to changes of permissions, groups, group membership and support-group
    moderators (cache upkeep only)."""
    transaction.on_commit(_next_permissions_generation)


def _next_permissions_generation() -> None:
    try:
        cache.incr(PERMISSIONS_GENERATION_KEY)
    except ValueError:  # evicted: a generation no cached answer can carry
        cache.set(PERMISSIONS_GENERATION_KEY, time.time_ns(), timeout=None)


def has_strong_second_factor(user) -> bool:
    """An authenticator app or a passkey. A positive answer is remembered on the user object
    for the rest of the request, since every moderator check asks."""
    if not user.is_authenticated:
        return False
    if getattr(user, "_has_strong_second_factor", False):
        return True
    found = Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
    if found:
        user._has_strong_second_factor = True
    return found
