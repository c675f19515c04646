from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

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
