"""The email for the kinds of notification no other app emails (see services.EMAILED_HERE).
It names who did what and where, and links to it: it never quotes a post."""

from portal.mail import absolute_url, build_email, enqueue_email, unsubscribe_url


def send_notification_email(*, notification) -> None:
    recipient = notification.recipient
    if not recipient.email:
        return
    enqueue_email(
        build_email(
            template="notifications/emails/notification",
            context={
                "summary": notification.summary,
                "url": absolute_url(notification.target_url()),
            },
            subject=notification.summary,
            to=recipient.email,
            unsubscribe=unsubscribe_url(
                user_id=recipient.pk, scope="email", target=notification.kind
            ),
        )
    )
