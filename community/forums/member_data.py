"""What the forums hold about a member, for their data export and account deletion."""

from community.members.models import FORMER_MEMBER

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

    profile = getattr(user, "profile", None)
    if profile is not None:
        forget_name_in_quotes(display_name=profile.display_name)
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


def forget_name_in_quotes(*, display_name: str) -> None:
    """Other members' quotes of the departing member name them ("**Name** wrote:"); the
    attribution becomes "Former member", in the posts and in their edit history."""
    from .markup import render_markdown
    from .models import PostRevision
    from .services import index_post_for_search

    attribution = f"**{display_name}** wrote:"
    replacement = f"**{FORMER_MEMBER}** wrote:"
    for post in Post.objects.filter(body_markdown__contains=attribution):
        post.body_markdown = post.body_markdown.replace(attribution, replacement)
        post.body_html = render_markdown(post.body_markdown)
        post.save(update_fields=["body_markdown", "body_html"])
        first = post.thread.first_post_id == post.pk
        index_post_for_search(post, title=post.thread.title if first else "")
    for revision in PostRevision.objects.filter(body_markdown__contains=attribution):
        revision.body_markdown = revision.body_markdown.replace(attribution, replacement)
        revision.save(update_fields=["body_markdown"])
