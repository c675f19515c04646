from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from community.notifications import services as notifications

from .. import errors, ratelimit
from ..errors import ForumError
from ..markup import render_post
from ..models import (
    ModerationAction,
    Post,
    SupportGroup,
    Suspension,
    Thread,
)
from ..notifications import notify_member_of_outcome, queue_reply_notifications
from ..permissions import can_moderate, can_sanction_member
from .counters import _recount_after_change

# Moderation ----------------------------------------------------------------------------------


CONTACT_LOGGED = "Private message sent by email (text not kept in the log)."


def _log(moderator, action: str, *, post=None, thread=None, member=None, reason=""):
    return ModerationAction.objects.create(
        moderator=moderator,
        action=action,
        post=post,
        thread=thread or (post.thread if post else None),
        member=member or (post.author if post else None),
        reason=reason,
    )


def _require_moderator(user, group: SupportGroup) -> None:
    if not can_moderate(user, group):
        raise ForumError(errors.NOT_ALLOWED)


def _require_member_moderator(moderator, post: Post | None) -> None:
    if not can_sanction_member(moderator, post=post):
        raise ForumError(errors.NOT_ALLOWED)


@transaction.atomic
def post_moderate(*, post: Post, moderator, action: str, reason: str = "") -> Post:
    """Approve, hide or restore a post from the queue; the member is told the outcome."""
    _require_moderator(moderator, post.thread.group)
    Action = ModerationAction.Action
    was_pending = post.status == Post.Status.PENDING
    if action in (Action.APPROVE, Action.RESTORE, Action.DISMISS):
        post.status = Post.Status.VISIBLE
    elif action == Action.HIDE:
        post.status = Post.Status.HIDDEN
    else:
        raise ForumError(errors.NOT_ALLOWED)
    post.needs_review = False
    post.is_urgent = post.is_urgent and action == Action.HIDE
    post.save(update_fields=["status", "needs_review", "is_urgent"])
    post.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    _log(moderator, action, post=post, reason=reason)
    _recount_after_change(post.thread, authors=[post.author_id])
    if action != Action.DISMISS:
        notify_member_of_outcome(post=post, action=action, reason=reason)
        notifications.notify_moderation(post=post, action=action)
    if was_pending and post.status == Post.Status.VISIBLE:
        queue_reply_notifications(post=post)
        # Mentions in a new member's post notify nobody until a moderator approves it.
        mentioned = [pk for pk in render_post(post.body_markdown)[1] if pk != post.author_id]
        notifications.notify_new_post(post=post, mentioned_user_ids=mentioned)
    return post


@transaction.atomic
def member_warn(*, member, moderator, reason: str, post: Post | None = None) -> ModerationAction:
    _require_member_moderator(moderator, post)
    action = _log(moderator, ModerationAction.Action.WARN, post=post, member=member, reason=reason)
    notify_member_of_outcome(post=post, action=action.action, reason=reason, member=member)
    return action


@transaction.atomic
def member_suspend(
    *, member, moderator, days: int, reason: str, post: Post | None = None
) -> Suspension:
    _require_member_moderator(moderator, post)
    suspension = Suspension.objects.create(
        user=member, until=timezone.now() + timedelta(days=days), reason=reason, moderator=moderator
    )
    _log(moderator, ModerationAction.Action.SUSPEND, post=post, member=member, reason=reason)
    notify_member_of_outcome(
        post=post, action=ModerationAction.Action.SUSPEND, reason=reason, member=member, days=days
    )
    return suspension


@transaction.atomic
def thread_moderate(
    *, thread: Thread, moderator, action: str, reason: str = "", to_group=None
) -> Thread:
    _require_moderator(moderator, thread.group)
    Action = ModerationAction.Action
    flags = {
        Action.LOCK: ("locked", True),
        Action.UNLOCK: ("locked", False),
        Action.PIN: ("pinned", True),
        Action.UNPIN: ("pinned", False),
    }
    if action in flags:
        field, value = flags[action]
        setattr(thread, field, value)
        thread.save(update_fields=[field])
    elif action == Action.MOVE:
        if to_group is None or to_group.pk == thread.group_id:
            raise ForumError(errors.MOVE_SAME_GROUP)
        _require_moderator(moderator, to_group)
        old_group = thread.group
        thread.group = to_group
        thread.save(update_fields=["group"])
        _recount_after_change(thread, old_group, to_group)
    else:
        raise ForumError(errors.NOT_ALLOWED)
    _log(moderator, action, thread=thread, member=thread.author, reason=reason)
    return thread


@transaction.atomic
def member_contact_privately(*, post: Post, moderator, message: str) -> None:
    """A moderator writes to a post's author by email, from the moderators' mailbox: the
    member's address is never shown, and their reply reaches the moderators. The log records
    who wrote to whom about which post, and when, but not the text: it is often about a
    member's health or safety, and the log is read by every moderator of the group. Each
    moderator may send FORUM_CONTACT_RATE_LIMIT messages an hour."""
    from portal.mail import enqueue_email

    from ..notifications.emails import private_message_email

    _require_moderator(moderator, post.thread.group)
    if not message.strip():
        raise ForumError(errors.PRIVATE_MESSAGE_EMPTY)
    member = post.author
    if member is None or not member.email:
        raise ForumError(errors.MEMBER_UNREACHABLE)
    limit, window = settings.FORUM_CONTACT_RATE_LIMIT
    if not ratelimit.hit(
        key=f"moderator-contact:{moderator.pk}", limit=limit, window_seconds=window
    ):
        raise ForumError(errors.CONTACT_RATE_LIMITED.format(limit=limit))
    _log(moderator, ModerationAction.Action.CONTACT, post=post, reason=CONTACT_LOGGED)
    profile = getattr(moderator, "profile", None)
    name = profile.display_name if profile else "A moderator"
    enqueue_email(private_message_email(member=member, moderator_name=name, message=message))
