from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import default_task_backend

from ..models import (
    PendingNotification,
    Post,
    Subscription,
    Thread,
)


def watchers_of(thread: Thread, *, exclude_user_id: int | None, new_thread: bool = False):
    """Who gets an email about a new post: those watching the thread or its group, and for a
    new thread those following the group too; never those who muted the thread or group."""
    from django.contrib.auth import get_user_model

    Level = Subscription.Level
    muted = Subscription.objects.filter(
        Q(thread=thread) | Q(group_id=thread.group_id), level=Level.MUTED
    ).values("user_id")
    group_levels = [Level.WATCHING, Level.FOLLOWING] if new_thread else [Level.WATCHING]
    watching = Q(
        forum_subscriptions__thread=thread,
        forum_subscriptions__level=Level.WATCHING,
    ) | Q(
        forum_subscriptions__group_id=thread.group_id,
        forum_subscriptions__level__in=group_levels,
    )
    return (
        get_user_model()
        .objects.filter(watching, is_active=True, profile__notify_replies=True)
        .exclude(pk__in=muted)
        .exclude(pk=exclude_user_id)
        .distinct()
    )


def queue_reply_notifications(*, post: Post) -> None:
    """Each watcher gets at most one pending notification per thread; the delivery task, run
    a little later, sends one email covering every reply since."""
    new_thread = post.position == 1
    watchers = watchers_of(post.thread, exclude_user_id=post.author_id, new_thread=new_thread)
    PendingNotification.objects.bulk_create(
        [PendingNotification(user=user, thread=post.thread, first_post=post) for user in watchers],
        ignore_conflicts=True,
    )
    thread_id = post.thread_id
    transaction.on_commit(lambda: _enqueue_delivery(thread_id))


def _enqueue_delivery(thread_id: int) -> None:
    from .tasks import deliver_thread_notifications

    task = deliver_thread_notifications
    if default_task_backend.supports_defer and settings.FORUM_NOTIFICATION_DELAY:
        task = task.using(run_after=timezone.now() + settings.FORUM_NOTIFICATION_DELAY)
    task.enqueue(thread_id=thread_id)


def notify_member_of_outcome(*, post, action: str, reason: str, member=None, days=None) -> None:
    from .emails import send_moderation_outcome

    send_moderation_outcome(
        member=member or (post.author if post else None),
        post=post,
        action=action,
        reason=reason,
        days=days,
    )


def alert_safeguarding(*, post: Post) -> None:
    """Not batched with reply emails: the alert task is queued the moment the post commits."""
    from .tasks import send_safeguarding_alert

    post_id = post.pk
    transaction.on_commit(lambda: send_safeguarding_alert.enqueue(post_id=post_id))
