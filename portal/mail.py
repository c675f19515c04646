from django.apps import apps
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django_tasks import task


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
