from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from portal.middleware import admin_path_prefix

from .permissions import has_strong_second_factor, is_staff_member

MFA_REQUIRED_FOR_STAFF = (
    "Staff accounts need two-factor authentication before they can use the admin. "
    "Please set up an authenticator app or a passkey."
)


ADMIN_IS_FOR_STAFF = (
    "This area is for the portal's editors, medical reviewers and moderators. "
    "Your member pages are under your profile."
)


class StaffMFARequiredMiddleware:
    """Editors, reviewers, moderators and administrators cannot enter the Wagtail admin until
    they have an authenticator app or a passkey. Signed-in members who are not staff get a
    clear 403 there, not Wagtail's redirect to a login page that sends them back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_prefix = admin_path_prefix()
        if not request.path.startswith(admin_prefix) or not request.user.is_authenticated:
            return self.get_response(request)
        if not is_staff_member(request.user):
            return render(request, "403.html", {"message": ADMIN_IS_FOR_STAFF}, status=403)
        if not has_strong_second_factor(request.user):
            messages.warning(request, MFA_REQUIRED_FOR_STAFF)
            return redirect(f"{reverse('mfa_activate_totp')}?next={admin_prefix}")
        return self.get_response(request)
