from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.template.loader import render_to_string

from portal.client_ip import client_rate_limit_key
from portal.mail import enqueue_email

from .services import member_session_record


@dataclass(frozen=True)
class PortalSite:
    """What allauth's templates read as `current_site`: the name from settings.SITE_NAME, the
    domain the request came to (or the admin's base URL when there is no request)."""

    name: str
    domain: str


def current_site(request) -> PortalSite:
    domain = request.get_host() if request is not None else ""
    return PortalSite(
        name=settings.SITE_NAME,
        domain=domain or urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc,
    )


class AccountAdapter(DefaultAccountAdapter):
    """Every allauth email goes out through a background task, with an HTML part; each login
    is remembered so deleting the account can end every session."""

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if not getattr(message, "alternatives", None):
            html = render_to_string(
                "emails/fallback_message.html", {"subject": message.subject, "body": message.body}
            )
            message.attach_alternative(html, "text/html")
        return message

    def send_mail(self, template_prefix, email, context):
        request = context.get("request") or self.request
        context = {
            "email": email,
            "request": request,
            "current_site": current_site(request),
            **context,
        }
        enqueue_email(self.render_mail(template_prefix, email, context))

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed logins are counted per account and address, so someone failing from five
        addresses cannot lock the owner out; the per-address limit still applies. An IPv6
        address counts by its /64, as in allauth's own limits."""
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{client_rate_limit_key(request)}"

    def login(self, request, user):
        super().login(request, user)
        if request.session.session_key is None:
            request.session.save()
        member_session_record(user=user, session_key=request.session.session_key)
