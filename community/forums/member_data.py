"""What the forums hold about a member, for their data export and account deletion."""

import re

from django.db.models import Exists, OuterRef

from community.members.models import FORMER_MEMBER

from .models import (
    Bookmark,
    Draft,
    Post,
    PostRevision,
    Reaction,
    Report,
    Subscription,
    SupportGroup,
    Thread,
)


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


def export_bookmarks(user) -> list[dict]:
    return [
        {"post": bookmark.post_id, "at": bookmark.created_at.isoformat()}
        for bookmark in Bookmark.objects.filter(member=user).order_by("pk")
    ]


def export_drafts(user) -> list[dict]:
    return [
        {
            "thread": draft.thread_id,
            "group": draft.group_id,
            "title": draft.title,
            "text": draft.body,
            "saved_at": draft.updated_at.isoformat(),
        }
        for draft in Draft.objects.filter(member=user).order_by("pk")
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


ERASED_THREAD_TITLE = "Discussion started by a former member"
REMOVED_QUOTE = "[removed]"


def delete_member_content(*, user, keep_posts: bool) -> None:
    """Keep: posts stay and their author becomes "Former member" (the foreign key is nulled
    when the user row goes). Erase: the member's words go everywhere they are kept: their
    posts become "removed" placeholders (so post numbers and permalinks stay stable), their
    edit history, reactions and reports on them go, quotes of them in others' posts become
    "[removed]", and the search index forgets them. Threads they started stay for the others
    who replied, under a neutral title; a thread with no one else's replies goes. Counters
    are recounted."""
    from .services import recount_group, recount_thread

    profile = getattr(user, "profile", None)
    if keep_posts:
        if profile is not None:
            forget_name_in_quotes(display_name=profile.display_name)
        return
    if profile is not None:
        forget_name_in_quotes(display_name=profile.display_name, erase_quoted_text=True)
    own_posts = Post.objects.filter(author=user)
    affected_threads = set(own_posts.values_list("thread_id", flat=True).distinct())
    started = Thread.objects.filter(author=user)
    affected_groups = set(started.values_list("group_id", flat=True))
    replies_by_others = Post.objects.filter(thread=OuterRef("pk")).exclude(author=user)
    started.exclude(Exists(replies_by_others)).delete()
    for thread in started:
        thread.title = ERASED_THREAD_TITLE
        thread.slug = ""
        thread.save(update_fields=["title", "slug"])
    PostRevision.objects.filter(post__author=user).delete()
    Reaction.objects.filter(post__author=user).delete()
    Report.objects.filter(post__author=user).delete()
    own_posts.update(
        body_markdown="", body_html="", search_vector=None, is_deleted=True, needs_review=False
    )
    for thread in Thread.objects.filter(pk__in=affected_threads).select_related("group"):
        recount_thread(thread)
        affected_groups.add(thread.group_id)
    for group in SupportGroup.objects.filter(pk__in=affected_groups):
        recount_group(group)


def _quote_block(display_name: str) -> re.Pattern:
    """A quote as `quote_markdown` writes it: the attribution line and the quoted lines."""
    return re.compile(rf"^> \*\*{re.escape(display_name)}\*\* wrote:\n(?:>.*(?:\n|$))*", re.M)


def forget_name_in_quotes(*, display_name: str, erase_quoted_text: bool = False) -> None:
    """Other members' quotes of the departing member name them ("**Name** wrote:"); the
    attribution becomes "Former member", in the posts and in their edit history. When the
    member's words are erased, the quoted text becomes "[removed]" too."""
    from .markup import render_post
    from .services import index_post_for_search

    attribution = f"**{display_name}** wrote:"
    replacement = f"**{FORMER_MEMBER}** wrote:"
    quote = _quote_block(display_name)
    erased_quote = f"> {replacement}\n> {REMOVED_QUOTE}\n"

    def forget(text: str) -> str:
        if erase_quoted_text:
            text = quote.sub(erased_quote, text)
        return text.replace(attribution, replacement)

    for post in Post.objects.filter(body_markdown__contains=attribution).select_related("thread"):
        post.body_markdown = forget(post.body_markdown)
        post.body_html = render_post(post.body_markdown)[0]
        post.save(update_fields=["body_markdown", "body_html"])
        first = post.thread.first_post_id == post.pk
        index_post_for_search(post, title=post.thread.title if first else "")
    for revision in PostRevision.objects.filter(body_markdown__contains=attribution):
        revision.body_markdown = forget(revision.body_markdown)
        revision.save(update_fields=["body_markdown"])
