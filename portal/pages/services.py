from django.conf import settings
from django.core.mail import EmailMessage

from portal.mail import enqueue_email
from portal.ratelimit import client_key, hit

CONTACT_RATE_LIMITED = (
    "You have sent several messages in a short time. Please wait an hour and try again; "
    "your message is kept below."
)


class ContactRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def contact_message_send(*, name: str, email: str, subject: str, message: str, client: str) -> None:
    """Email a visitor's message to staff, with Reply-To set to the visitor."""
    limit, window = settings.CONTACT_RATE_LIMIT
    if not hit(key=client_key("contact", client), limit=limit, window_seconds=window):
        raise ContactRefused(CONTACT_RATE_LIMITED)
    body = f"From: {name} <{email}>\n\n{message}\n"
    enqueue_email(
        EmailMessage(
            f"[{settings.SITE_NAME} contact] {subject}",
            body,
            None,
            [settings.CONTACT_EMAIL],
            reply_to=[email],
        )
    )
