from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from .permissions import has_strong_second_factor, is_staff_member

MFA_REQUIRED_FOR_STAFF = (
    "Staff accounts need two-factor authentication before they can use the admin. "
    "Please set up an authenticator app or a passkey."
)


class StaffMFARequiredMiddleware:
    """Editors, reviewers, moderators and administrators cannot enter the Wagtail admin until
    they have an authenticator app or a passkey."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_prefix = reverse("wagtailadmin_home")
        if (
            request.path.startswith(admin_prefix)
            and is_staff_member(request.user)
            and not has_strong_second_factor(request.user)
        ):
            messages.warning(request, MFA_REQUIRED_FOR_STAFF)
            return redirect(f"{reverse('mfa_activate_totp')}?next={admin_prefix}")
        return self.get_response(request)
