from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    """Signing up with an email that already has an account must not answer faster than a
    new sign-up, or the timing tells an attacker who is a member: that path hashes the
    password too (and, like the new-account path, queues one email)."""

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
