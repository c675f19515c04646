from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import get_ip
from django.template.loader import render_to_string

from portal.mail import enqueue_email

from .services import member_session_record


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
        context = {"email": email, "request": request, **context}
        enqueue_email(self.render_mail(template_prefix, email, context))

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed logins are counted per account and address, so someone failing from five
        addresses cannot lock the owner out; the per-address limit still applies."""
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{get_ip(request)}"

    def login(self, request, user):
        super().login(request, user)
        if request.session.session_key is None:
            request.session.save()
        member_session_record(user=user, session_key=request.session.session_key)
