import logging
from email.utils import parseaddr

from django.conf import settings
from django.db import transaction
from django_tasks import task

from ..models import PendingNotification, Post, Thread
from ..permissions import can_see_post_body
from .emails import reply_digest_email, safeguarding_alert_email, safeguarding_recipients

logger = logging.getLogger(__name__)


@task()
def deliver_thread_notifications(*, thread_id: int) -> int:
    """Send each watcher with news in the thread one email listing every reply since their
    last one. A row is deleted only with its email sent, so a mail-server failure leaves it
    for the next run."""
    sent = 0
    thread = Thread.objects.select_related("group").filter(pk=thread_id).first()
    if thread is None:
        return sent
    pending_ids = list(
        PendingNotification.objects.filter(thread=thread).values_list("pk", flat=True)
    )
    for pending_id in pending_ids:
        with transaction.atomic():
            pending = (
                PendingNotification.objects.select_for_update(skip_locked=True)
                .select_related("user", "first_post")
                .filter(pk=pending_id)
                .first()
            )
            if pending is None:
                continue
            posts = [
                post
                for post in Post.objects.filter(
                    thread=thread, position__gte=pending.first_post.position
                )
                .exclude(author=pending.user)
                .select_related("author__profile")
                .order_by("position")
                if can_see_post_body(pending.user, post)
            ]
            if posts:
                reply_digest_email(user=pending.user, thread=thread, posts=posts).send()
                sent += 1
            pending.delete()
    return sent


@task()
def send_safeguarding_alert(*, post_id: int) -> int:
    """One email to each of the group's moderators and the staff on duty, as soon as a post
    with a crisis warning sign is saved, and one to the moderators' shared inbox
    (MODERATORS_EMAIL) unless it is one of them. The email links to the post; it never quotes
    it. Returns how many emails went."""
    post = (
        Post.objects.select_related("thread__group", "author__profile").filter(pk=post_id).first()
    )
    if post is None or not post.is_urgent:
        return 0
    recipients = safeguarding_recipients(post=post)
    for user in recipients:
        safeguarding_alert_email(user=user, post=post).send()
    _, inbox = parseaddr(settings.MODERATORS_EMAIL or "")
    if "@" not in inbox or inbox.lower() in {user.email.lower() for user in recipients}:
        return len(recipients)
    safeguarding_alert_email(address=settings.MODERATORS_EMAIL, post=post).send()
    return len(recipients) + 1
