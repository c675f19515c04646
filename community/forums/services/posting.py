import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from community.members.models import Profile
from community.notifications import services as notifications

from .. import errors, ratelimit
from ..crisis import describe, detect_crisis
from ..errors import ForumError
from ..markup import contains_image, contains_link, render_post
from ..models import (
    Draft,
    ModerationAction,
    Post,
    PostRevision,
    Reaction,
    ReadState,
    Report,
    Subscription,
    SupportGroup,
    Thread,
)
from ..notifications import alert_safeguarding, notify_member_of_outcome, queue_reply_notifications
from ..permissions import (
    can_delete_post,
    can_edit_post,
    can_mark_answer,
    can_react_to_post,
    can_reply,
    can_report_post,
    require_active_member,
)
from .counters import _recount_after_change
from .moderation import _log


class PostingLimitReached(ForumError):
    pass


# Checks before a member writes ------------------------------------------------------------


ESTABLISHED_MEMBER_CACHE_SECONDS = 24 * 60 * 60


def _established_member_key(user) -> str:
    return f"forums:established-member:{user.pk}"


def is_new_member(user) -> bool:
    """A member stays new for FORUM_NEW_MEMBER_DAYS and until FORUM_NEW_MEMBER_MIN_POSTS of
    their posts are approved. Once established, that is remembered for a day, so pages do not
    count a member's posts on every view."""
    if timezone.now() - user.date_joined < timedelta(days=settings.FORUM_NEW_MEMBER_DAYS):
        return True
    if cache.get(_established_member_key(user)):
        return False
    approved = Post.objects.filter(author=user, status=Post.Status.VISIBLE, is_deleted=False)[
        : settings.FORUM_NEW_MEMBER_MIN_POSTS
    ].count()
    if approved < settings.FORUM_NEW_MEMBER_MIN_POSTS:
        return True
    cache.set(_established_member_key(user), True, ESTABLISHED_MEMBER_CACHE_SECONDS)
    return False


def mentions_crisis(text: str) -> bool:
    return detect_crisis(text) is not None


def _crisis_flags(text: str) -> dict:
    """A post with a warning sign goes to the top of the queue with the reason; the caller
    then alerts the group's moderators and the staff on duty (after commit)."""
    match = detect_crisis(text)
    if match is None:
        return {}
    return {"is_urgent": True, "needs_review": True, "urgent_reason": describe(match)}


def _check_can_write(*, user, group: SupportGroup, body: str, new_thread: bool) -> None:
    require_active_member(user)
    if not body.strip():
        raise ForumError(errors.EMPTY_POST)
    if is_new_member(user):
        if contains_link(body) or contains_image(body):
            raise PostingLimitReached(errors.NEW_MEMBER_NO_LINKS)
        if new_thread:
            since = timezone.now() - timedelta(days=1)
            started = Thread.objects.filter(author=user, created_at__gte=since).count()
            if started >= settings.FORUM_NEW_MEMBER_THREADS_PER_DAY:
                raise PostingLimitReached(
                    errors.NEW_MEMBER_THREAD_LIMIT.format(
                        limit=settings.FORUM_NEW_MEMBER_THREADS_PER_DAY
                    )
                )
    if not ratelimit.posting_allowed(user):
        raise PostingLimitReached(errors.RATE_LIMITED)


def _check_mentions(*, user, body: str, already=()) -> list[int]:
    """The members a post mentions or quotes, within the limits: so many per post, and so
    many an hour (each mentioned member counts once per post). Returns those not `already`
    mentioned (by the post before an edit)."""
    _html, mentioned = render_post(body)
    mentioned = [user_id for user_id in mentioned if user_id != user.pk]
    if len(mentioned) > settings.FORUM_MENTIONS_PER_POST:
        raise PostingLimitReached(
            errors.TOO_MANY_MENTIONS.format(limit=settings.FORUM_MENTIONS_PER_POST)
        )
    mentioned = [user_id for user_id in mentioned if user_id not in already]
    limit, window = settings.FORUM_MENTION_RATE_LIMIT
    for _ in mentioned:
        if not ratelimit.hit(key=f"forum-mention:{user.pk}", limit=limit, window_seconds=window):
            raise PostingLimitReached(errors.MENTIONS_RATE_LIMITED.format(limit=limit))
    return mentioned


def _needs_approval(*, user, group: SupportGroup) -> bool:
    return (
        group.requires_first_post_approval
        and is_new_member(user)
        and not Post.objects.filter(
            author=user, thread__group=group, status=Post.Status.VISIBLE
        ).exists()
    )


# Writing ----------------------------------------------------------------------------------


def index_post_for_search(post: Post, *, title: str = "") -> None:
    vector = SearchVector("body_markdown", weight="B", config="english")
    if title:
        vector = SearchVector(Value(title), weight="A", config="english") + vector
    Post.objects.filter(pk=post.pk).update(search_vector=vector)


def _existing_submission(author, submission_token) -> Post | None:
    if submission_token is None:
        return None
    return Post.objects.filter(author=author, submission_token=submission_token).first()


def _add_post(
    *, thread: Thread, author, body: str, status: str, submission_token, title=""
) -> Post:
    locked_thread = Thread.objects.select_for_update().get(pk=thread.pk)
    post = Post.objects.create(
        thread=locked_thread,
        author=author,
        position=locked_thread.last_position + 1,
        body_markdown=body,
        body_html=render_post(body)[0],
        status=status,
        **{"needs_review": status == Post.Status.PENDING, **_crisis_flags(f"{title}\n{body}")},
        submission_token=submission_token,
    )
    if post.is_urgent:
        alert_safeguarding(post=post)
    index_post_for_search(post, title=title)
    thread_updates = {"last_position": F("last_position") + 1}
    if status == Post.Status.VISIBLE:
        thread_updates.update(post_count=F("post_count") + 1, last_post_at=post.created_at)
        Profile.objects.filter(user=author).update(post_count=F("post_count") + 1)
    Thread.objects.filter(pk=thread.pk).update(**thread_updates)
    return post


@transaction.atomic
def thread_create(
    *, group: SupportGroup, author, title: str, body: str, submission_token=None, article=None
) -> Thread:
    existing = _existing_submission(author, submission_token)
    if existing is not None:
        return existing.thread
    _check_can_write(user=author, group=group, body=body, new_thread=True)
    mentioned = _check_mentions(user=author, body=body)
    status = (
        Post.Status.PENDING if _needs_approval(user=author, group=group) else Post.Status.VISIBLE
    )
    if article is not None:
        # A removed discussion gives its article up, so a new one can start.
        Thread.objects.filter(article=article, is_removed=True).update(article=None)
    thread = Thread.objects.create(
        group=group,
        author=author,
        title=title.strip(),
        article=article,
        last_post_at=timezone.now(),
    )
    post = _add_post(
        thread=thread,
        author=author,
        body=body,
        status=status,
        submission_token=submission_token,
        title=thread.title,
    )
    Thread.objects.filter(pk=thread.pk).update(first_post=post)
    if status == Post.Status.VISIBLE:
        SupportGroup.objects.filter(pk=group.pk).update(
            thread_count=F("thread_count") + 1,
            post_count=F("post_count") + 1,
            last_post_at=post.created_at,
        )
        queue_reply_notifications(post=post)
        notifications.notify_new_post(post=post, mentioned_user_ids=mentioned)
    Subscription.objects.get_or_create(
        user=author, thread=thread, defaults={"level": Subscription.Level.WATCHING}
    )
    if article is None:
        Draft.objects.filter(member=author, group=group).delete()
    thread.refresh_from_db()
    return thread


@transaction.atomic
def post_create(*, thread: Thread, author, body: str, submission_token=None) -> Post:
    existing = _existing_submission(author, submission_token)
    if existing is not None:
        return existing
    if not can_reply(author, thread):
        raise ForumError(errors.THREAD_LOCKED)
    _check_can_write(user=author, group=thread.group, body=body, new_thread=False)
    mentioned = _check_mentions(user=author, body=body)
    status = (
        Post.Status.PENDING
        if _needs_approval(user=author, group=thread.group)
        else Post.Status.VISIBLE
    )
    try:
        with transaction.atomic():
            post = _add_post(
                thread=thread,
                author=author,
                body=body,
                status=status,
                submission_token=submission_token,
            )
    except IntegrityError:
        existing = _existing_submission(author, submission_token)
        if existing is None:
            raise
        return existing
    if status == Post.Status.VISIBLE:
        SupportGroup.objects.filter(pk=thread.group_id).update(
            post_count=F("post_count") + 1, last_post_at=post.created_at
        )
        queue_reply_notifications(post=post)
        notifications.notify_new_post(post=post, mentioned_user_ids=mentioned)
    Subscription.objects.get_or_create(
        user=author, thread=thread, defaults={"level": Subscription.Level.WATCHING}
    )
    Draft.objects.filter(member=author, thread=thread).delete()
    return post


@transaction.atomic
def post_edit(*, post: Post, editor, body: str) -> Post:
    if not can_edit_post(editor, post):
        raise ForumError(errors.NOT_ALLOWED)
    require_active_member(editor)
    if not body.strip():
        raise ForumError(errors.EMPTY_POST)
    if post.author_id == editor.pk and is_new_member(editor):
        if contains_link(body) or contains_image(body):
            raise PostingLimitReached(errors.NEW_MEMBER_NO_LINKS)
    by_author = post.author_id == editor.pk
    newly_mentioned = []
    if by_author:
        before = render_post(post.body_markdown)[1]
        newly_mentioned = _check_mentions(user=editor, body=body, already=before)
    PostRevision.objects.create(post=post, editor=editor, body_markdown=post.body_markdown)
    post.body_markdown = body
    post.body_html = render_post(body)[0]
    post.edited_at = timezone.now()
    newly_urgent = not post.is_urgent and _crisis_flags(body)
    for field, value in (newly_urgent or {}).items():
        setattr(post, field, value)
    post.save(
        update_fields=[
            "body_markdown",
            "body_html",
            "edited_at",
            "is_urgent",
            "needs_review",
            "urgent_reason",
        ]
    )
    if newly_urgent:
        alert_safeguarding(post=post)
    if by_author:
        notifications.notify_mentions(post=post, user_ids=newly_mentioned)
    else:
        notifications.notify_moderation(post=post, action="edit")
    index_post_for_search(
        post, title=post.thread.title if post.thread.first_post_id == post.pk else ""
    )
    return post


@transaction.atomic
def post_delete(*, post: Post, user, reason: str = "") -> Post:
    if not can_delete_post(user, post):
        raise ForumError(errors.NOT_ALLOWED)
    post.is_deleted = True
    post.needs_review = False
    post.save(update_fields=["is_deleted", "needs_review"])
    thread = post.thread
    if thread.first_post_id == post.pk:
        Thread.objects.filter(pk=thread.pk).update(is_removed=True)
    if post.author_id != user.pk:
        _log(user, ModerationAction.Action.DELETE, post=post, reason=reason)
        notify_member_of_outcome(post=post, action=ModerationAction.Action.DELETE, reason=reason)
        notifications.notify_moderation(post=post, action=ModerationAction.Action.DELETE)
    _recount_after_change(thread, authors=[post.author_id])
    return post


# Reactions, reports, answers ---------------------------------------------------------------


@transaction.atomic
def reaction_toggle(*, post: Post, user, kind: str) -> bool:
    """Add the reaction, or take it back if the member had given it. Returns True when added."""
    require_active_member(user)
    if kind not in Reaction.Kind.values:
        raise ForumError(errors.NOT_ALLOWED)
    if not can_react_to_post(user, post):
        raise ForumError(errors.POST_NOT_AVAILABLE)
    deleted, _ = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if deleted:
        return False
    Reaction.objects.bulk_create([Reaction(post=post, user=user, kind=kind)], ignore_conflicts=True)
    notifications.notify_reaction(post=post, by=user)
    return True


@transaction.atomic
def report_create(*, post: Post, reporter, reason: str, note: str = "") -> Report:
    """A post reported by enough distinct members is hidden until a moderator reviews it.
    Suspended members cannot report (their reports would count towards hiding)."""
    require_active_member(reporter)
    if post.author_id == reporter.pk:
        raise ForumError(errors.CANNOT_REPORT_OWN)
    if not can_report_post(reporter, post):
        raise ForumError(errors.POST_NOT_AVAILABLE)
    try:
        with transaction.atomic():
            report = Report.objects.create(post=post, reporter=reporter, reason=reason, note=note)
    except IntegrityError as error:
        raise ForumError(errors.ALREADY_REPORTED) from error
    Post.objects.filter(pk=post.pk).update(report_count=F("report_count") + 1, needs_review=True)
    post.refresh_from_db(fields=["report_count", "status", "needs_review"])
    if post.report_count >= settings.FORUM_AUTO_HIDE_REPORTS and post.status == Post.Status.VISIBLE:
        post.status = Post.Status.HIDDEN
        post.save(update_fields=["status"])
        _log(None, ModerationAction.Action.AUTO_HIDE, post=post, reason="Reported by members")
        _recount_after_change(post.thread, authors=[post.author_id])
    return report


@transaction.atomic
def thread_mark_answer(*, thread: Thread, post: Post | None, user) -> Thread:
    if not can_mark_answer(user, thread):
        raise ForumError(errors.NOT_ALLOWED)
    if post is not None and (post.thread_id != thread.pk or post.pk == thread.first_post_id):
        raise ForumError(errors.ANSWER_NOT_IN_THREAD)
    newly_marked = post is not None and thread.solved_post_id != post.pk
    thread.solved_post = post
    thread.save(update_fields=["solved_post"])
    if newly_marked:
        notifications.notify_answer(thread=thread, post=post, by=user)
    return thread


# Subscriptions and read state ---------------------------------------------------------------


FOLLOW_LEVELS = {
    "thread": ("watching", "normal", "muted"),
    "group": ("watching", "following", "normal", "muted"),
}


@transaction.atomic
def subscription_set(*, user, level: str | None, thread: Thread | None = None, group=None) -> str:
    """Follow levels, as Discourse has them. A thread: "watching" (an email about new
    replies), "normal" (nothing, the default) or "muted" (nothing, even when its group is
    watched). A group: "watching" (every new post), "following" (new threads only), "normal"
    or "muted". None means "normal". Returns the level now in force."""
    target = {"thread": thread} if thread is not None else {"group": group}
    level = level or "normal"
    if level not in FOLLOW_LEVELS["thread" if thread is not None else "group"]:
        raise ForumError(errors.NOT_ALLOWED)
    if level == "normal":
        Subscription.objects.filter(user=user, **target).delete()
    else:
        Subscription.objects.update_or_create(user=user, **target, defaults={"level": level})
    return level


def read_state_mark(*, user, thread: Thread, position: int) -> None:
    """Remember the furthest post a member has seen; it never moves backwards."""
    if not user.is_authenticated or position <= 0:
        return
    updated = ReadState.objects.filter(user=user, thread=thread).update(
        last_read_position=Greatest("last_read_position", Value(position)),
        updated_at=timezone.now(),
    )
    if not updated:
        ReadState.objects.bulk_create(
            [ReadState(user=user, thread=thread, last_read_position=position)],
            ignore_conflicts=True,
        )


def new_submission_token() -> uuid.UUID:
    return uuid.uuid4()
