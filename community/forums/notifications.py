from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from portal.links import absolute_url as absolute
from portal.mail import enqueue_email

from .models import ModerationAction, Post, Subscription, SupportGroup, Thread

UNSUBSCRIBE_SALT = "forums.unsubscribe"


def unsubscribe_token(*, user_id: int, thread_id: int | None = None, group_id=None) -> str:
    target = {"t": thread_id} if thread_id is not None else {"g": group_id}
    return signing.dumps({"u": user_id, **target}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> dict:
    """Raises signing.BadSignature for anything we did not sign ourselves."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict) or "u" not in data or not ({"t", "g"} & data.keys()):
        raise signing.BadSignature("incomplete token")
    return data


def guidelines_url() -> str:
    from portal.pages.selectors import trust_page_url

    return absolute(trust_page_url("guidelines") or reverse("forums:group-list"))


def build_email(
    *, template: str, context: dict, subject: str, to: str, headers=None, from_moderators=False
):
    """from_moderators: sent from, and answered at, the moderators' mailbox."""
    body = render_to_string(f"forums/emails/{template}.txt", context)
    html = render_to_string(f"forums/emails/{template}.html", context)
    sender = settings.MODERATORS_EMAIL if from_moderators else None
    message = EmailMultiAlternatives(
        f"[Bone & Spine Health] {subject}",
        body,
        sender,
        [to],
        headers=headers,
        reply_to=[settings.MODERATORS_EMAIL] if from_moderators else None,
    )
    message.attach_alternative(html, "text/html")
    return message


def reply_digest_email(*, user, thread: Thread, posts) -> EmailMultiAlternatives:
    unsubscribe_url = absolute(
        reverse(
            "forums:unsubscribe", args=[unsubscribe_token(user_id=user.pk, thread_id=thread.pk)]
        )
    )
    for post in posts:
        post.email_url = absolute(post.get_absolute_url())
    context = {
        "thread": thread,
        "posts": posts,
        "thread_url": absolute(posts[0].get_absolute_url()),
        "unsubscribe_url": unsubscribe_url,
        # A title written in crisis is as private as the post under it.
        "title_withheld": Post.objects.filter(pk=thread.first_post_id, is_urgent=True).exists(),
    }
    count = len(posts)
    where = "a thread you watch" if context["title_withheld"] else f"“{thread.title}”"
    subject = f"{count} new repl{'y' if count == 1 else 'ies'} in {where}"
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return build_email(
        template="replies", context=context, subject=subject, to=user.email, headers=headers
    )


OUTCOME_SUBJECTS = {
    ModerationAction.Action.APPROVE: "Your post has been approved",
    ModerationAction.Action.RESTORE: "Your post is visible again",
    ModerationAction.Action.HIDE: "Your post has been hidden by a moderator",
    ModerationAction.Action.DELETE: "Your post has been removed by a moderator",
    ModerationAction.Action.WARN: "A message from the moderators",
    ModerationAction.Action.SUSPEND: "Your posting has been paused",
}


def send_moderation_outcome(*, member, post, action: str, reason: str, days=None) -> None:
    if member is None or not member.email or action not in OUTCOME_SUBJECTS:
        return
    context = {
        "action": action,
        "post": post,
        "reason": reason,
        "days": days,
        "post_url": absolute(post.get_absolute_url()) if post else "",
        "guidelines_url": guidelines_url(),
    }
    enqueue_email(
        build_email(
            template="moderation_outcome",
            context=context,
            subject=OUTCOME_SUBJECTS[action],
            to=member.email,
            from_moderators=True,
        )
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


def safeguarding_alert_email(*, user, post) -> EmailMultiAlternatives:
    context = {
        "post": post,
        "group": post.thread.group,
        "post_url": absolute(post.get_absolute_url()),
        "queue_url": absolute(reverse("forums_moderation_queue")),
        "guidelines_url": guidelines_url(),
    }
    return build_email(
        template="safeguarding_alert",
        context=context,
        subject=f"Urgent: a post in {post.thread.group.name} needs a moderator now",
        to=user.email,
        from_moderators=True,
    )


def private_message_email(*, member, moderator_name: str, message: str):
    context = {"message": message, "moderator_name": moderator_name}
    return build_email(
        template="private_message",
        context=context,
        subject="A message from the moderators",
        to=member.email,
        from_moderators=True,
    )


def unsubscribe(*, token: str) -> str:
    """Stop emails for the thread or group in the token; returns what was unsubscribed from."""
    data = read_unsubscribe_token(token)
    if "t" in data:
        thread = Thread.objects.filter(pk=data["t"]).first()
        if thread is None:
            raise signing.BadSignature("thread gone")
        Subscription.objects.update_or_create(
            user_id=data["u"], thread=thread, defaults={"level": Subscription.Level.MUTED}
        )
        return thread.title
    group = SupportGroup.objects.filter(pk=data["g"]).first()
    if group is None:
        raise signing.BadSignature("group gone")
    Subscription.objects.filter(user_id=data["u"], group=group).delete()
    return group.name
