"""The forums' emails, each built by portal.mail.build_email from a template pair under
templates/forums/emails/."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.urls import reverse

from portal.mail import absolute_url, build_email, enqueue_email, unsubscribe_url

from ..models import ModerationAction, Post, Thread


def guidelines_url() -> str:
    from portal.pages.selectors import trust_page_url

    return absolute_url(trust_page_url("guidelines") or reverse("forums:group-list"))


def reply_digest_email(*, user, thread: Thread, posts) -> EmailMultiAlternatives:
    for post in posts:
        post.email_url = absolute_url(post.get_absolute_url())
    context = {
        "thread": thread,
        "posts": posts,
        "thread_url": absolute_url(posts[0].get_absolute_url()),
        # A title written in crisis is as private as the post under it.
        "title_withheld": Post.objects.filter(pk=thread.first_post_id, is_urgent=True).exists(),
    }
    count = len(posts)
    where = "a thread you watch" if context["title_withheld"] else f"“{thread.title}”"
    return build_email(
        template="forums/emails/replies",
        context=context,
        subject=f"{count} new repl{'y' if count == 1 else 'ies'} in {where}",
        to=user.email,
        unsubscribe=unsubscribe_url(user_id=user.pk, scope="thread", target=thread.pk),
    )


OUTCOME_SUBJECTS = {
    ModerationAction.Action.APPROVE: "Your post has been approved",
    ModerationAction.Action.RESTORE: "Your post is visible again",
    ModerationAction.Action.HIDE: "Your post has been hidden by a moderator",
    ModerationAction.Action.DELETE: "Your post has been removed by a moderator",
    ModerationAction.Action.WARN: "A message from the moderators",
    ModerationAction.Action.SUSPEND: "Your posting has been paused",
}


# Decisions about a post answer to the member's "moderators' decisions" preference (and are
# shown on the site as notifications); warnings and suspensions are always emailed.
DECISIONS_ABOUT_POSTS = {
    ModerationAction.Action.APPROVE,
    ModerationAction.Action.RESTORE,
    ModerationAction.Action.HIDE,
    ModerationAction.Action.DELETE,
}


def moderation_outcome_email(*, member, post, action: str, reason: str, days=None):
    context = {
        "action": action,
        "post": post,
        "reason": reason,
        "days": days,
        "post_url": absolute_url(post.get_absolute_url()) if post else "",
        "guidelines_url": guidelines_url(),
    }
    return build_email(
        template="forums/emails/moderation_outcome",
        context=context,
        subject=OUTCOME_SUBJECTS[action],
        to=member.email,
        from_moderators=True,
        unsubscribe=unsubscribe_url(user_id=member.pk, scope="email", target="moderation"),
    )


def send_moderation_outcome(*, member, post, action: str, reason: str, days=None) -> None:
    if member is None or not member.email or action not in OUTCOME_SUBJECTS:
        return
    if post is not None and action in DECISIONS_ABOUT_POSTS:
        from community.members.models import NotificationKind
        from community.members.selectors import wants_email

        if not wants_email(user=member, kind=NotificationKind.MODERATION):
            return
    enqueue_email(
        moderation_outcome_email(member=member, post=post, action=action, reason=reason, days=days)
    )


def safeguarding_recipients(*, post) -> list:
    """The group's moderators and everyone in the on-duty staff group, except the author."""
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(moderated_groups=post.thread.group_id)
            | Q(groups__name=settings.FORUM_SAFEGUARDING_GROUP)
        )
        .exclude(email="")
        .exclude(pk=post.author_id)
        .distinct()
        .order_by("pk")
    )


def safeguarding_alert_email(*, post, user=None, address: str = "") -> EmailMultiAlternatives:
    """A duty alert to a moderator (`user`) or to the moderators' shared inbox (`address`),
    not a notification: it carries no unsubscribe link."""
    context = {
        "shared_inbox": user is None,
        "post": post,
        "group": post.thread.group,
        "post_url": absolute_url(post.get_absolute_url()),
        "queue_url": absolute_url(reverse("forums_moderation_queue")),
        "guidelines_url": guidelines_url(),
    }
    return build_email(
        template="forums/emails/safeguarding_alert",
        context=context,
        subject=f"Urgent: a post in {post.thread.group.name} needs a moderator now",
        to=user.email if user is not None else address,
        from_moderators=True,
    )


def private_message_email(*, member, moderator_name: str, message: str):
    """A personal message from a moderator, not a notification: no unsubscribe link."""
    return build_email(
        template="forums/emails/private_message",
        context={"message": message, "moderator_name": moderator_name},
        subject="A message from the moderators",
        to=member.email,
        from_moderators=True,
    )
