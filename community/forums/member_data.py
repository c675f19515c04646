"""What the forums hold about a member, for their data export and account deletion."""

from .models import Post, Reaction, Report, Subscription, SupportGroup, Thread


def export_posts(user) -> list[dict]:
    return [
        {
            "thread": post.thread.title,
            "group": post.thread.group.name,
            "written_at": post.created_at.isoformat(),
            "edited_at": post.edited_at.isoformat() if post.edited_at else None,
            "status": post.status,
            "deleted": post.is_deleted,
            "text": post.body_markdown,
        }
        for post in Post.objects.filter(author=user).select_related("thread__group").order_by("pk")
    ]


def export_reactions(user) -> list[dict]:
    return [
        {"post": reaction.post_id, "kind": reaction.kind, "at": reaction.created_at.isoformat()}
        for reaction in Reaction.objects.filter(user=user).order_by("pk")
    ]


def export_reports(user) -> list[dict]:
    return [
        {
            "post": report.post_id,
            "reason": report.reason,
            "note": report.note,
            "at": report.created_at.isoformat(),
        }
        for report in Report.objects.filter(reporter=user).order_by("pk")
    ]


def export_subscriptions(user) -> list[dict]:
    return [
        {
            "thread": subscription.thread.title if subscription.thread else None,
            "group": subscription.group.name if subscription.group else None,
            "level": subscription.level,
        }
        for subscription in Subscription.objects.filter(user=user).select_related("thread", "group")
    ]


def delete_member_content(*, user, keep_posts: bool) -> None:
    """Keep: posts stay and their author becomes "Former member" (the foreign key is nulled
    when the user row goes). Erase: the member's posts are deleted, and the threads they
    started go with them (their titles are the member's words too); other threads keep their
    post numbers, so permalinks stay stable. Counters are recounted."""
    from .services import recount_group, recount_thread

    if keep_posts:
        return
    affected_threads = set(
        Post.objects.filter(author=user).values_list("thread_id", flat=True).distinct()
    )
    started = Thread.objects.filter(author=user)
    affected_groups = set(started.values_list("group_id", flat=True))
    started.delete()
    Post.objects.filter(author=user).delete()
    for thread in Thread.objects.filter(pk__in=affected_threads).select_related("group"):
        recount_thread(thread)
        affected_groups.add(thread.group_id)
    for group in SupportGroup.objects.filter(pk__in=affected_groups):
        recount_group(group)
