from django.db.models import Count, Max

from community.members.models import Profile

from ..models import (
    Post,
    SupportGroup,
    Thread,
)

# Counters -----------------------------------------------------------------------------------


def _counted_threads(group: SupportGroup):
    return group.threads.filter(is_removed=False).exclude(first_post__status=Post.Status.PENDING)


def recount_thread(thread: Thread) -> None:
    public = thread.posts.filter(status=Post.Status.VISIBLE, is_deleted=False)
    totals = public.aggregate(count=Count("pk"), last=Max("created_at"))
    Thread.objects.filter(pk=thread.pk).update(
        post_count=totals["count"], last_post_at=totals["last"] or thread.created_at
    )


def recount_group(group: SupportGroup) -> None:
    counted = _counted_threads(group)
    totals = counted.aggregate(threads=Count("pk"), last=Max("last_post_at"))
    posts = Post.objects.filter(
        thread__in=counted, status=Post.Status.VISIBLE, is_deleted=False
    ).count()
    SupportGroup.objects.filter(pk=group.pk).update(
        thread_count=totals["threads"], post_count=posts, last_post_at=totals["last"]
    )


def recount_member(user_id: int | None) -> None:
    if user_id is None:
        return
    posts = Post.objects.filter(
        author_id=user_id, status=Post.Status.VISIBLE, is_deleted=False, thread__is_removed=False
    ).count()
    Profile.objects.filter(user_id=user_id).update(post_count=posts)


def _recount_after_change(thread: Thread, *groups: SupportGroup, authors=()) -> None:
    recount_thread(thread)
    for group in groups or (thread.group,):
        recount_group(group)
    for author_id in set(authors):
        recount_member(author_id)
