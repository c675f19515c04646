from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from portal.mail import enqueue_email

from .models import ModerationAction, Subscription, SupportGroup, Thread

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


def absolute(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def build_email(*, template: str, context: dict, subject: str, to: str, headers=None):
    body = render_to_string(f"forums/emails/{template}.txt", context)
    html = render_to_string(f"forums/emails/{template}.html", context)
    message = EmailMultiAlternatives(
        f"[Bone & Spine Health] {subject}", body, None, [to], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def reply_digest_email(*, user, thread: Thread, posts) -> EmailMultiAlternatives:
    unsubscribe_url = absolute(
        reverse(
            "forums:unsubscribe", args=[unsubscribe_token(user_id=user.pk, thread_id=thread.pk)]
        )
    )
    context = {
        "thread": thread,
        "posts": posts,
        "thread_url": absolute(posts[0].get_absolute_url()),
        "unsubscribe_url": unsubscribe_url,
    }
    count = len(posts)
    subject = f"{count} new repl{'y' if count == 1 else 'ies'} in “{thread.title}”"
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
        "guidelines_url": absolute(reverse("forums:group-list")),
    }
    enqueue_email(
        build_email(
            template="moderation_outcome",
            context=context,
            subject=OUTCOME_SUBJECTS[action],
            to=member.email,
        )
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
