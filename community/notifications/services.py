"""Creating and reading notifications. The producers are called by the forums' and events'
write services inside their transaction; each notification is checked against the member's
preference for its kind and against what the member may see, at creation (and again when
the list is shown: see NotificationQuerySet.visible_to)."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from community.forums.models import Post, Reaction, Subscription, Thread
from community.forums.notifications import watchers_of
from community.members.models import FORMER_MEMBER, Delivery, NotificationKind
from community.members.selectors import display_name_of, notification_delivery

from .emails import send_notification_email
from .models import Notification
from .selectors import UNREAD_COUNT_KEY

Kind = NotificationKind

# Kinds whose email this app sends. Replies are emailed by the forums' watched-thread digest
# (a thread's author watches it), moderation decisions by the forums' outcome email, event
# changes and waiting-list places by the events app's emails: one email for one event.
EMAILED_HERE = {Kind.MENTION, Kind.ANSWER, Kind.REACTION}


def forget_unread_count(*, user_id: int) -> None:
    """The member's bell counts again once this transaction has committed (a count made
    before the commit could only store the old number)."""
    key = UNREAD_COUNT_KEY.format(user_id=user_id)
    transaction.on_commit(lambda: cache.delete(key))


def _may_see(user, post: Post) -> bool:
    return (
        user.is_active
        and post.is_public
        and Thread.objects.visible_to(user).filter(pk=post.thread_id).exists()
    )


def _muted(user, thread: Thread) -> bool:
    return (
        Subscription.objects.filter(
            user=user, level=Subscription.Level.MUTED, thread=thread
        ).exists()
        or Subscription.objects.filter(
            user=user, level=Subscription.Level.MUTED, group_id=thread.group_id
        ).exists()
    )


def _create(
    *, recipient, kind: str, actor=None, summary: str, email: bool = True, **target
) -> Notification | None:
    """The one way a notification is made: nothing about one's own doing, nothing the member
    switched off; an email too when they chose email and no other email covers this one."""
    if recipient is None or (actor is not None and actor.pk == recipient.pk):
        return None
    delivery = notification_delivery(user=recipient, kind=kind)
    if delivery == Delivery.OFF:
        return None
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, actor=actor, summary=summary, **target
    )
    forget_unread_count(user_id=recipient.pk)
    if email and delivery == Delivery.EMAIL and kind in EMAILED_HERE:
        send_notification_email(notification=notification)
    return notification


def _title(thread: Thread) -> str:
    return f"“{thread.title}”"


def _post_notification(
    *, recipient, kind: str, post: Post, actor, summary: str, email: bool = True
) -> None:
    if recipient is None or not _may_see(recipient, post) or _muted(recipient, post.thread):
        return
    _create(recipient=recipient, kind=kind, actor=actor, summary=summary, post=post, email=email)


def notify_new_post(*, post: Post, mentioned_user_ids: list[int]) -> None:
    """A post that has just become visible (on posting, or on a moderator's approval): the
    thread's author hears of a reply, and each member quoted or mentioned hears of that once."""
    thread, actor = post.thread, post.author
    name = display_name_of(actor) if actor else FORMER_MEMBER
    told = {post.author_id}
    if post.position > 1 and thread.author_id not in told:
        told.add(thread.author_id)
        _post_notification(
            recipient=thread.author,
            kind=Kind.REPLY,
            post=post,
            actor=actor,
            summary=f"{name} replied to your thread {_title(thread)}",
        )
    # Those watching already get the forums' email about this post: no second one.
    watching = set(
        watchers_of(thread, exclude_user_id=post.author_id, new_thread=post.position == 1)
        .filter(pk__in=mentioned_user_ids)
        .values_list("pk", flat=True)
    )
    notify_mentions(
        post=post, user_ids=mentioned_user_ids, exclude=told, emailed_elsewhere=watching
    )


def notify_mentions(
    *, post: Post, user_ids: list[int], exclude=(), emailed_elsewhere=frozenset()
) -> None:
    """Each member mentioned or quoted in a visible post hears of it once (on posting, on
    approval, or when the author's edit adds them)."""
    if not user_ids or not post.is_public:
        return
    actor = post.author
    name = display_name_of(actor) if actor else FORMER_MEMBER
    recipients = get_user_model().objects.filter(pk__in=user_ids).exclude(pk__in=exclude)
    for recipient in recipients.order_by("pk"):
        _post_notification(
            email=recipient.pk not in emailed_elsewhere,
            recipient=recipient,
            kind=Kind.MENTION,
            post=post,
            actor=actor,
            summary=f"{name} mentioned you in {_title(post.thread)}",
        )


def notify_answer(*, thread: Thread, post: Post, by) -> None:
    _post_notification(
        recipient=post.author,
        kind=Kind.ANSWER,
        post=post,
        actor=by,
        summary=f"Your post in {_title(thread)} was marked as the answer",
    )


def notify_reaction(*, post: Post, by) -> None:
    """Reactions to one post make one unread notification, "3 people reacted to your post",
    which is updated (and comes back to the top) rather than repeated."""
    recipient = post.author
    if recipient is None or by.pk == recipient.pk:
        return
    if not _may_see(recipient, post) or _muted(recipient, post.thread):
        return
    people = (
        Reaction.objects.filter(post=post).exclude(user=recipient).values("user").distinct().count()
    )
    where = _title(post.thread)
    summary = (
        f"{display_name_of(by)} reacted to your post in {where}"
        if people == 1
        else f"{people} people reacted to your post in {where}"
    )
    key = f"reaction:{post.pk}"
    updated = Notification.objects.filter(
        recipient=recipient, group_key=key, read_at__isnull=True
    ).update(actor=by, actor_count=people, summary=summary, created_at=timezone.now())
    if updated:
        return
    try:
        with transaction.atomic():
            _create(
                recipient=recipient,
                kind=Kind.REACTION,
                actor=by,
                summary=summary,
                post=post,
                group_key=key,
                actor_count=people,
            )
    except IntegrityError:
        # Another reaction made the unread notification first: count into it instead.
        Notification.objects.filter(
            recipient=recipient, group_key=key, read_at__isnull=True
        ).update(actor=by, actor_count=F("actor_count") + 1, summary=summary)


MODERATION_SUMMARIES = {
    "approve": "A moderator approved your post in {where}",
    "restore": "A moderator made your post in {where} visible again",
    "hide": "A moderator hid your post in {where}",
    "delete": "A moderator removed your post in {where}",
    "edit": "A moderator edited your post in {where}",
}


def notify_moderation(*, post: Post, action: str) -> None:
    """The member always may see a decision about their own post, so no visibility check;
    warnings and suspensions are personal messages by email, not notifications."""
    if action not in MODERATION_SUMMARIES or post.author is None:
        return
    summary = MODERATION_SUMMARIES[action].format(where=_title(post.thread))
    _create(
        recipient=post.author,
        kind=Kind.MODERATION,
        actor=None,
        summary=summary,
        post=post,
    )


EVENT_SUMMARIES = {
    "event_cancelled": (Kind.EVENT_CHANGED, "“{title}” has been cancelled"),
    "event_changed": (Kind.EVENT_CHANGED, "“{title}” has changed: check the time and place"),
    "rsvp_promoted": (Kind.WAITLIST_OFFERED, "A place at “{title}” is yours"),
}


def notify_event(*, member, event, template: str) -> None:
    """Called for every event email the events app chooses, emailed or not; the email itself
    stays with the events app, which sends it when the member chose email."""
    if template not in EVENT_SUMMARIES:
        return
    kind, summary = EVENT_SUMMARIES[template]
    _create(recipient=member, kind=kind, summary=summary.format(title=event.title), event=event)


# The member's own actions ----------------------------------------------------------------


def notification_open(*, user, pk: int) -> Notification:
    """Marks one of the member's notifications read; another member's answers LookupError."""
    notification = (
        Notification.objects.visible_to(user).select_related("post", "event").filter(pk=pk).first()
    )
    if notification is None:
        raise LookupError(pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        forget_unread_count(user_id=user.pk)
    return notification


def notifications_mark_all_read(*, user) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget_unread_count(user_id=user.pk)
    return marked


def notifications_forget_actor(*, user, keep_posts: bool) -> None:
    """A member deleting their account leaves no name behind in others' notifications."""
    from django.db.models import Value
    from django.db.models.functions import Replace

    name = display_name_of(user)
    Notification.objects.filter(actor=user).update(
        summary=Replace("summary", Value(name), Value(FORMER_MEMBER))
    )


def export_notifications(user) -> list[dict]:
    return [
        {
            "kind": notification.kind,
            "summary": notification.summary,
            "created_at": notification.created_at.isoformat(),
            "read_at": notification.read_at.isoformat() if notification.read_at else None,
        }
        for notification in Notification.objects.filter(recipient=user).order_by("created_at")
    ]
