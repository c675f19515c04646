from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from .models import (
    Bookmark,
    Draft,
    ModerationAction,
    Post,
    Reaction,
    ReadState,
    Subscription,
    SupportGroup,
    Suspension,
    Thread,
)
from .permissions import (
    can_edit_post,
    can_moderate,
    can_moderate_anywhere,
    can_see_post,
    can_see_post_body,
    can_see_revisions,
)


@dataclass
class PostPage:
    """A page of a thread: posts numbered (number-1)*size+1 .. number*size. Pages are ranges
    of post numbers, so a permalink always lands on the same page."""

    number: int
    num_pages: int
    posts: list

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def paginator(self) -> "PostPage":
        return self


def posts_per_page() -> int:
    return settings.FORUM_POSTS_PER_PAGE


def page_of_position(position: int) -> int:
    return (max(position, 1) - 1) // posts_per_page() + 1


def groups_for(user):
    return SupportGroup.objects.visible_to(user)


def group_for(*, user, slug: str) -> SupportGroup:
    """For a signed-in reader the group comes with their follow level
    (`viewer_follow_level`, "normal" when they chose none) and whether they are one of its
    moderators (`viewer_moderates_group`), in the same query."""
    groups = SupportGroup.objects.visible_to(user)
    if user.is_authenticated:
        follow = Subscription.objects.filter(user=user, group=OuterRef("pk")).values("level")
        groups = groups.annotate(
            viewer_follow_level=Coalesce(Subquery(follow[:1]), Value("normal")),
            viewer_moderates_group=_is_group_moderator(user, OuterRef("pk")),
        )
    return get_object_or_404(groups, slug=slug)


def _is_group_moderator(user, group_ref) -> Exists:
    return Exists(SupportGroup.moderators.through.objects.filter(supportgroup=group_ref, user=user))


def _with_read_state(threads, user):
    if not user.is_authenticated:
        return threads.annotate(last_read=Value(None, output_field=IntegerField()))
    read = ReadState.objects.filter(user=user, thread=OuterRef("pk")).values("last_read_position")
    return threads.annotate(last_read=Subquery(read[:1])).annotate(
        unread_count=F("last_position") - Coalesce("last_read", 0)
    )


THREAD_SORTS = {
    "latest": ("Latest activity", ("-pinned", "-last_post_at", "-pk")),
    "newest": ("Newest", ("-pinned", "-created_at", "-pk")),
    "replies": ("Most replies", ("-pinned", "-post_count", "-last_post_at", "-pk")),
    "unanswered": ("Unanswered", ("-pinned", "-created_at", "-pk")),
}


def group_threads(*, group: SupportGroup, user, sort: str = "latest"):
    """A group's threads, pinned first, in the chosen order; "unanswered" keeps only threads
    with no reply yet."""
    _, ordering = THREAD_SORTS[sort]
    threads = (
        Thread.objects.visible_to(user)
        .filter(group=group)
        .select_related("author__profile")
        .order_by(*ordering)
    )
    if sort == "unanswered":
        threads = threads.filter(post_count__lte=1)
    return _with_read_state(threads, user)


def group_threads_page(*, group: SupportGroup, user, sort: str, number) -> Page:
    """One page of `group_threads`, counted without joining each thread to its opening post:
    the group's threads less the few whose opening post waits for approval (not the
    reader's own). The group itself is already known to be visible to the reader."""
    counted = Thread.objects.filter(group=group, is_removed=False)
    if sort == "unanswered":
        counted = counted.filter(post_count__lte=1)
    waiting = Q(first_post__in=Post.objects.filter(status=Post.Status.PENDING).values("pk"))
    if user.is_authenticated:
        waiting &= ~Q(author=user)
    counts = counted.aggregate(threads=Count("pk"), waiting=Count("pk", filter=waiting))
    paginator = Paginator(
        group_threads(group=group, user=user, sort=sort), settings.FORUM_THREADS_PER_PAGE
    )
    paginator.count = counts["threads"] - counts["waiting"]
    return paginator.get_page(number)


def new_posts_threads(*, user, days: int = 14):
    since = timezone.now() - timedelta(days=days)
    threads = (
        Thread.objects.visible_to(user)
        .filter(last_post_at__gte=since)
        .select_related("group", "author__profile")
        .order_by("-last_post_at", "-pk")
    )
    threads = _with_read_state(threads, user)
    if user.is_authenticated:
        threads = threads.filter(
            Q(last_read__isnull=True) | Q(last_position__gt=Coalesce("last_read", 0))
        )
    return threads


def thread_for(*, user, pk: int) -> Thread:
    return get_object_or_404(
        Thread.objects.visible_to(user).select_related(
            "group", "author__profile", "solved_post__author__profile", "article"
        ),
        pk=pk,
    )


def thread_for_reading(*, user, pk: int) -> Thread:
    """The thread page's thread. Joined with its group and author only (each further join
    cost the planner ~1 ms); its marked answer, when it has one, comes in one more query and
    its article on first use. For a signed-in reader it comes with what their page needs of
    their own, in the same query: `viewer_last_read` (None before their first visit),
    `viewer_follow_level`, `viewer_moderates_group`, `viewer_draft` (their unsent reply or
    None) and `viewer_suspension` (the suspension in force that ends last, or None)."""
    threads = Thread.objects.visible_to(user).select_related("group", "author__profile")
    if user.is_authenticated:
        mine = {"user": user, "thread": OuterRef("pk")}
        draft = Draft.objects.filter(member=user, thread=OuterRef("pk")).order_by("pk")
        suspension = Suspension.objects.filter(user=user, until__gt=timezone.now())
        threads = threads.annotate(
            viewer_last_read=Subquery(
                ReadState.objects.filter(**mine).values("last_read_position")[:1]
            ),
            viewer_follow_level=Coalesce(
                Subquery(Subscription.objects.filter(**mine).values("level")[:1]), Value("normal")
            ),
            viewer_moderates_group=_is_group_moderator(user, OuterRef("group_id")),
            viewer_draft_body=Subquery(draft.values("body")[:1]),
            viewer_draft_updated_at=Subquery(draft.values("updated_at")[:1]),
            viewer_suspended_until=Subquery(suspension.order_by("-until").values("until")[:1]),
        )
    thread = get_object_or_404(threads, pk=pk)
    if thread.solved_post_id is not None:
        thread.solved_post = (
            Post.objects.select_related("author__profile").filter(pk=thread.solved_post_id).first()
        )
    if not user.is_authenticated:
        return thread
    thread.group.viewer_moderates_group = thread.viewer_moderates_group
    thread.viewer_draft = None
    if thread.viewer_draft_updated_at is not None:
        thread.viewer_draft = Draft(
            member=user,
            thread=thread,
            body=thread.viewer_draft_body,
            updated_at=thread.viewer_draft_updated_at,
        )
    thread.viewer_suspension = None
    if thread.viewer_suspended_until is not None:
        thread.viewer_suspension = Suspension(user=user, until=thread.viewer_suspended_until)
    return thread


POST_URL_NAMES = {
    "permalink": "forums:post-permalink",
    "edit": "forums:post-edit",
    "delete": "forums:post-delete",
    "history": "forums:post-history",
    "moderate": "forums:post-moderate",
    "react": "forums:post-react",
    "report": "forums:post-report",
    "answer": "forums:post-answer",
    "bookmark": "forums:post-bookmark",
}
_URL_PLACEHOLDER = "2147483647"


def post_urls(post_ids: list[int]) -> dict[int, dict[str, str]]:
    """Every link and form action of each post, each URL pattern reversed once per page."""
    patterns = {key: reverse(name, args=[_URL_PLACEHOLDER]) for key, name in POST_URL_NAMES.items()}
    return {
        pk: {key: pattern.replace(_URL_PLACEHOLDER, str(pk)) for key, pattern in patterns.items()}
        for pk in post_ids
    }


def thread_page(*, thread: Thread, user, number: int, moderator: bool | None = None) -> PostPage:
    """Pass `moderator` when it is already known for the thread's group."""
    size = posts_per_page()
    num_pages = max(page_of_position(thread.last_position), 1)
    if number < 1 or number > num_pages:
        raise Http404("No such page")
    first = (number - 1) * size + 1
    posts = (
        Post.objects.filter(thread=thread, position__gte=first, position__lt=first + size)
        .select_related("author__profile")
        .defer("body_markdown", "search_vector")
        .annotate(
            helpful_count=Count("reactions", filter=Q(reactions__kind=Reaction.Kind.HELPFUL)),
            support_count=Count("reactions", filter=Q(reactions__kind=Reaction.Kind.SUPPORT)),
            me_too_count=Count("reactions", filter=Q(reactions__kind=Reaction.Kind.ME_TOO)),
        )
        .order_by("position")
    )
    if user.is_authenticated:
        posts = posts.annotate(
            my_reaction_kinds=ArrayAgg(
                "reactions__kind", filter=Q(reactions__user=user), distinct=True, default=[]
            ),
            viewer_bookmarked=Exists(Bookmark.objects.filter(member=user, post=OuterRef("pk"))),
        )
    if moderator is None:
        moderator = can_moderate(user, thread.group)
    shown = []
    for post in posts:
        if not can_see_post(user, post, moderator=moderator):
            continue
        post.thread = thread
        post.viewer_is_author = user.is_authenticated and post.author_id == user.pk
        post.viewer_sees_body = can_see_post_body(user, post, moderator=moderator)
        post.viewer_can_edit = can_edit_post(user, post, moderator=moderator)
        post.viewer_sees_history = can_see_revisions(user, post, moderator=moderator)
        post.my_reaction_kinds = set(getattr(post, "my_reaction_kinds", ()))
        post.viewer_bookmarked = getattr(post, "viewer_bookmarked", False)
        shown.append(post)
    urls = post_urls([post.pk for post in shown])
    for post in shown:
        post.urls = urls[post.pk]
    return PostPage(number=number, num_pages=num_pages, posts=shown)


def draft_for(*, user, thread: Thread | None = None, group=None) -> Draft | None:
    """The member's own draft of a reply to `thread` or of a new thread in `group`."""
    if not user.is_authenticated:
        return None
    target = {"thread": thread} if thread is not None else {"group": group}
    return Draft.objects.filter(member=user, **target).first()


def own_bookmark(*, user, pk: int) -> Bookmark:
    """A member reaches only their own bookmarks: anyone else's answers 404."""
    return get_object_or_404(Bookmark.objects.filter(member=user), pk=pk)


def active_suspension(*, user) -> Suspension | None:
    return Suspension.objects.in_force_for(user)


def subscription_level(*, user, thread: Thread | None = None, group=None) -> str | None:
    """The member's follow level for a thread or group: "normal" when they chose none."""
    if not user.is_authenticated:
        return None
    target = {"thread": thread} if thread is not None else {"group": group}
    return (
        Subscription.objects.filter(user=user, **target).values_list("level", flat=True).first()
        or "normal"
    )


def first_unread_position(*, user, thread: Thread) -> int:
    last_read = (
        ReadState.objects.filter(user=user, thread=thread)
        .values_list("last_read_position", flat=True)
        .first()
    ) or 0
    return min(last_read + 1, max(thread.last_position, 1))


def post_for(*, user, pk: int) -> Post:
    """A post the user may know exists (hidden and deleted ones too, as placeholders): what
    they may do with it or read of it is for the permission functions to say."""
    post = get_object_or_404(
        Post.objects.visible_to(user).select_related("thread__group", "author__profile"), pk=pk
    )
    if not can_see_post(user, post):
        raise Http404("No such post")
    return post


def post_for_editing(*, user, pk: int) -> Post:
    """The edit form shows the post's text: only those who may edit it learn it exists."""
    post = post_for(user=user, pk=pk)
    if not can_edit_post(user, post):
        raise Http404("No such post")
    return post


def post_history_for(*, user, pk: int) -> tuple[Post, list]:
    post = post_for(user=user, pk=pk)
    if not can_see_revisions(user, post):
        raise Http404("No such post")
    return post, list(post.revisions.select_related("editor__profile"))


def _moderated_by(user, queryset, group_path: str):
    """Narrow a moderation listing to the groups the user moderates (all for site
    moderators; nothing without a second factor)."""
    if not can_moderate_anywhere(user):
        return queryset.none()
    if user.is_superuser or user.has_perm("forums.moderate_forums"):
        return queryset
    return queryset.filter(**{f"{group_path}__moderators": user})


def moderation_queue(*, user):
    posts = (
        Post.objects.filter(needs_review=True, is_deleted=False, thread__is_removed=False)
        .select_related("thread__group", "author__profile")
        .prefetch_related(Prefetch("reports", queryset=_open_reports(), to_attr="open_reports"))
        .order_by("-is_urgent", "-report_count", "created_at")
    )
    return _moderated_by(user, posts, "thread__group")


def moderation_log(*, user):
    """The log of moderators' actions, scoped like the queue: a group moderator sees the
    actions in their groups only; warnings and suspensions not tied to a thread are for site
    moderators."""
    actions = ModerationAction.objects.select_related(
        "moderator__profile", "member__profile", "thread__group", "post"
    )
    return _moderated_by(user, actions, "thread__group")


def _open_reports():
    from .models import Report

    return Report.objects.filter(resolved_at__isnull=True).select_related("reporter__profile")


def article_discussion_thread(*, article, user=None) -> Thread | None:
    """The discussion of an article as this user may see it (anonymous when no user is given:
    the article page is the same for every reader). A thread moved into a members-only group,
    removed or still waiting for approval is, to those who may not see it, no discussion."""
    return (
        Thread.objects.visible_to(user or AnonymousUser())
        .filter(article=article)
        .select_related("group")
        .first()
    )


def article_discussion_waiting(*, article) -> bool:
    """A discussion exists that the member cannot open yet (its first post awaits approval)."""
    return Thread.objects.filter(article=article, is_removed=False).exists()


def article_discussion_box(*, article, limit: int = 3) -> tuple[Thread | None, list[Post]]:
    """The discussion of an article as every reader sees it and its latest replies, oldest
    first; in one query when it has replies (their thread comes joined)."""
    latest = list(
        Post.objects.filter(thread__in=Thread.objects.visible_to(AnonymousUser()))
        .filter(thread__article=article)
        .publicly_listed()
        .exclude(pk=F("thread__first_post_id"))
        .select_related("thread__group", "author__profile")
        .order_by("-position")[:limit]
    )
    if latest:
        return latest[0].thread, latest[::-1]
    return article_discussion_thread(article=article), []


def _web_query(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config="english")


def topic_discussions(*, topic, user):
    """Threads discussing the topic's articles, then threads whose opening post matches the
    topic's name, most recently active first."""
    threads = Thread.objects.visible_to(user).select_related("group", "author__profile")
    about_articles = Q(article__topics=topic)
    mentions = Q(first_post__search_vector=_web_query(topic.name))
    return threads.filter(about_articles | mentions).distinct().order_by("-last_post_at")


def active_public_discussions(*, limit: int):
    """The liveliest threads anyone may read, most recently active first."""
    return list(
        Thread.objects.visible_to(AnonymousUser())
        .select_related("group", "author__profile")
        .order_by("-last_post_at")[:limit]
    )


def indexable_threads():
    """Threads search engines may list: anyone may read them, their group is marked
    indexable and their opening post is visible."""
    return Thread.objects.visible_to(AnonymousUser()).filter(
        group__indexable=True, first_post__status=Post.Status.VISIBLE, first_post__is_deleted=False
    )
