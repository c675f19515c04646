"""Pieces of forum pages rendered once and kept in the cache: each post of a thread page and
each row of a group's thread list.

A fragment's key is a digest of everything its template reads (the post's text, status,
counts and author; the reader's few yes/no flags such as "reacted helpful" or "may edit"; the
templates' own source), so an edited, hidden, restored, deleted or approved post, a new
reaction or a renamed author is a different key and the old fragment is never shown again;
no write has to remember to retire anything. No fragment holds who the reader is or a CSRF
token: forms carry a placeholder that `with_csrf_token` fills in for each request. A page's
fragments come from the cache in one round trip; only the missing ones are rendered."""

import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from .models import Reaction

FRAGMENT_CACHE_SECONDS = 24 * 60 * 60
CSRF_PLACEHOLDER = "csrf-placeholder-6f1d2c"
POST_TEMPLATES = (
    "forums/includes/_post.html",
    "forums/includes/_post_header.html",
    "forums/includes/_member_name.html",
)
THREAD_ROW_TEMPLATES = ("forums/includes/_thread_row.html", "forums/includes/_member_name.html")


@functools.cache
def _templates_digest(names: tuple[str, ...]) -> str:
    """A changed template (a deploy) makes new keys: fragments of the old one are not served."""
    sources = "\0".join(get_template(name).template.source for name in names)
    return hashlib.sha256(sources.encode()).hexdigest()[:16]


def _key(kind: str, templates: tuple[str, ...], parts: Iterable) -> str:
    material = "\0".join(map(str, (_templates_digest(templates), *parts)))
    return f"forums:{kind}:{hashlib.sha256(material.encode()).hexdigest()}"


def render_cached(
    items: Sequence,
    *,
    kind: str,
    template: str,
    templates: tuple[str, ...],
    key_parts: Callable[[object], tuple],
    context: Callable[[object], dict],
) -> list[SafeString]:
    """Each item's fragment, in order: fetched in one round trip, the missing ones rendered
    with `context(item)` and stored. `key_parts(item)` must name everything that context shows."""
    keys = [_key(kind, templates, key_parts(item)) for item in items]
    found = cache.get_many(keys) if keys else {}
    rendered = {}
    fragments = []
    for item, key in zip(items, keys, strict=True):
        html = found.get(key)
        if html is None:
            html = rendered[key] = render_to_string(template, context(item))
        fragments.append(mark_safe(html))  # noqa: S308 - rendered by our own templates
    if rendered:
        cache.set_many(rendered, FRAGMENT_CACHE_SECONDS)
    return fragments


def with_csrf_token(html: str, token: str) -> SafeString:
    return mark_safe(html.replace(CSRF_PLACEHOLDER, token))  # noqa: S308 - a token, not markup


def _author_parts(author) -> tuple:
    profile = getattr(author, "profile", None) if author else None
    if profile is None:
        return ("", "")
    return (profile.display_name, profile.avatar.name if profile.avatar else "")


@functools.cache
def _reaction_kinds() -> list:
    return list(Reaction.Kind.choices)


def render_posts(
    posts: list,
    *,
    thread,
    viewer_signed_in: bool,
    moderator: bool,
    can_reply: bool,
    can_mark_answer: bool,
    reply_url: str,
) -> list[SafeString]:
    """The thread page's posts as HTML, with forms carrying `CSRF_PLACEHOLDER`. Each post needs
    the reader's flags that `selectors.thread_page` sets (viewer_sees_body, my_reaction_kinds,
    viewer_bookmarked, viewer_is_author, viewer_can_edit, viewer_sees_history) and urls."""
    zone = timezone.get_current_timezone_name()

    def key_parts(post) -> tuple:
        return (
            post.pk,
            post.position,
            post.status,
            post.is_deleted,
            moderator and post.is_urgent,
            post.created_at.isoformat(),
            post.edited_at.isoformat() if post.edited_at else "",
            *_author_parts(post.author),
            zone,
            post.helpful_count,
            post.support_count,
            post.me_too_count,
            post.viewer_sees_body,
            ",".join(sorted(post.my_reaction_kinds)),
            post.viewer_bookmarked,
            post.viewer_is_author,
            post.viewer_can_edit,
            post.viewer_sees_history,
            thread.solved_post_id == post.pk,
            thread.first_post_id == post.pk,
            viewer_signed_in,
            moderator,
            can_reply,
            can_mark_answer,
            reply_url,
            post.body_html,
        )

    def context(post) -> dict:
        return {
            "post": post,
            "thread": thread,
            "user": {"is_authenticated": viewer_signed_in},
            "is_moderator": moderator,
            "can_reply": can_reply,
            "can_mark_answer": can_mark_answer,
            "reply_url": reply_url,
            "reaction_kinds": _reaction_kinds(),
            "csrf_token": CSRF_PLACEHOLDER,
        }

    return render_cached(
        posts,
        kind="post",
        template="forums/includes/_post.html",
        templates=POST_TEMPLATES,
        key_parts=key_parts,
        context=context,
    )


def _age_step(moment, now) -> int | None:
    """A number that changes whenever "{moment|timesince}" can: that text shows two adjacent
    units, so it changes each minute within a day and each hour after (its day, week and
    month steps fall on whole hours from `moment`). Much cheaper than timesince itself."""
    if moment is None:
        return None
    seconds = max(int((now - moment).total_seconds()), 0)  # a future time reads "0 minutes"
    if seconds < 24 * 60 * 60:
        return seconds // 60
    return -(seconds // 3600)


def render_thread_rows(threads, *, viewer_signed_in: bool, show_group: bool = False) -> list:
    """A list of threads as HTML rows. The age of the last post is part of the key, so a row is
    rendered again when its "last post 5 minutes ago" can change."""
    threads = list(threads)
    now = timezone.now()
    zone = timezone.get_current_timezone_name()

    def key_parts(thread) -> tuple:
        group = (thread.group.name, thread.group.slug) if show_group else ()
        return (
            thread.pk,
            thread.slug,
            thread.title,
            thread.pinned,
            thread.locked,
            thread.solved_post_id is not None,
            thread.post_count,
            thread.last_position,
            thread.last_post_at.isoformat() if thread.last_post_at else "",
            _age_step(thread.last_post_at, now),
            *_author_parts(thread.author),
            zone,
            viewer_signed_in,
            thread.last_read if viewer_signed_in else None,
            getattr(thread, "unread_count", None) if viewer_signed_in else None,
            show_group,
            *group,
        )

    def context(thread) -> dict:
        return {
            "thread": thread,
            "user": {"is_authenticated": viewer_signed_in},
            "show_group": show_group,
        }

    return render_cached(
        threads,
        kind="thread-row",
        template="forums/includes/_thread_row.html",
        templates=THREAD_ROW_TEMPLATES,
        key_parts=key_parts,
        context=context,
    )
