"""Every email the site sends is built here: the subject carries the site's name, the text and
HTML parts come from one template pair, and a notification carries the RFC 8058 one-click
unsubscribe headers. Sending happens in a background task once the transaction commits."""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

UNSUBSCRIBE_SALT = "forums.unsubscribe"
UNSUBSCRIBE_TOKEN_MAX_AGE = timedelta(days=400)


def absolute_url(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def unsubscribe_token(*, user_id: int, scope: str, target: int | str) -> str:
    """scope names what the link stops (a thread, a group, a kind of email); each scope has a
    handler registered in community.members.registry."""
    return signing.dumps(
        {"u": user_id, "s": scope, "x": target}, salt=UNSUBSCRIBE_SALT, compress=True
    )


def read_unsubscribe_token(token: str) -> dict:
    """Returns {"user_id", "scope", "target"}. Raises signing.SignatureExpired for a link older
    than UNSUBSCRIBE_TOKEN_MAX_AGE and signing.BadSignature for anything we did not sign.
    Links sent before scopes existed carry {"u", "t"} (a thread) or {"u", "g"} (a group)."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_TOKEN_MAX_AGE)
    if not isinstance(data, dict) or "u" not in data:
        raise signing.BadSignature("incomplete token")
    if "s" in data and "x" in data:
        return {"user_id": data["u"], "scope": data["s"], "target": data["x"]}
    for legacy_key, scope in (("t", "thread"), ("g", "group")):
        if legacy_key in data:
            return {"user_id": data["u"], "scope": scope, "target": data[legacy_key]}
    raise signing.BadSignature("incomplete token")


def unsubscribe_url(*, user_id: int, scope: str, target: int | str) -> str:
    token = unsubscribe_token(user_id=user_id, scope=scope, target=target)
    return absolute_url(reverse("members:unsubscribe", args=[token]))


def build_email(
    *,
    template: str,
    context: dict,
    subject: str,
    to: str,
    from_moderators: bool = False,
    unsubscribe: str | None = None,
) -> EmailMultiAlternatives:
    """template: a path without extension, rendered as .txt and .html with `context`.
    from_moderators: sent from, and answered at, the moderators' mailbox.
    unsubscribe: the one-click URL from `unsubscribe_url`; every notification passes one, and
    it is given to the templates as `unsubscribe_url`."""
    context = {**context, "unsubscribe_url": unsubscribe or "", "site_name": settings.SITE_NAME}
    headers = {}
    if unsubscribe:
        targets = [f"<{unsubscribe}>"]
        if settings.UNSUBSCRIBE_MAILTO:
            targets.append(f"<mailto:{settings.UNSUBSCRIBE_MAILTO}?subject=unsubscribe>")
        headers = {
            "List-Unsubscribe": ", ".join(targets),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMultiAlternatives(
        f"[{settings.SITE_NAME}] {subject}",
        render_to_string(f"{template}.txt", context),
        settings.MODERATORS_EMAIL if from_moderators else None,
        [to],
        headers=headers or None,
        reply_to=[settings.MODERATORS_EMAIL] if from_moderators else None,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


@task()
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html_body: str | None = None,
    headers: dict | None = None,
    reply_to: list[str] | None = None,
) -> None:
    message = EmailMultiAlternatives(
        subject, body, from_email, to, headers=headers, reply_to=reply_to
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


def enqueue_email(message: EmailMultiAlternatives) -> None:
    """Send a rendered email from a background task once the current transaction commits, so
    a rolled-back change never emails anyone."""
    html = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        None,
    )
    payload = {
        "subject": message.subject,
        "body": message.body,
        "to": list(message.to),
        "from_email": message.from_email,
        "html_body": html,
        "headers": dict(message.extra_headers) or None,
        "reply_to": list(message.reply_to) or None,
    }
    transaction.on_commit(lambda: send_email.enqueue(**payload))


def forget_emails_to(*, addresses: list[str]) -> None:
    """Queued and finished email tasks keep their recipient's address and text; when an account
    is deleted, the ones addressed to it go too."""
    if not addresses or not apps.is_installed("django_tasks_db"):
        return
    from django_tasks_db.models import DBTaskResult

    addressed_to_member = Q()
    for address in addresses:
        addressed_to_member |= Q(args_kwargs__kwargs__to__contains=[address])
    DBTaskResult.objects.filter(addressed_to_member).delete()
