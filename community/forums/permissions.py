"""Who may do what in the forums. Every moderator power needs a second factor (an
authenticator app or a passkey), on the public site as in the admin: a moderator whose
authenticator was switched off is an ordinary member until they enrol again."""

from community.members.permissions import (
    VerificationRequired,
    has_permission,
    has_strong_second_factor,
    require_verified_member,
)

from . import errors
from .errors import ForumError
from .models import Post, SupportGroup, Suspension, Thread


def _moderates_every_group(user) -> bool:
    return user.is_superuser or has_permission(user, "forums.moderate_forums")


def can_moderate(user, group: SupportGroup) -> bool:
    """A group fetched for a signed-in reader by the forum selectors already knows whether
    they are one of its moderators (`viewer_moderates_group`); others are asked."""
    if not user.is_authenticated:
        return False
    group_moderator = getattr(group, "viewer_moderates_group", None)
    if group_moderator is None:
        group_moderator = group.moderators.filter(pk=user.pk).exists()
    if not (_moderates_every_group(user) or group_moderator):
        return False
    return has_strong_second_factor(user)


def can_moderate_anywhere(user) -> bool:
    return (
        user.is_authenticated
        and (_moderates_every_group(user) or user.moderated_groups.exists())
        and has_strong_second_factor(user)
    )


def can_moderate_members_site_wide(user) -> bool:
    """Warnings and suspensions not tied to a post are for site moderators only."""
    return user.is_authenticated and _moderates_every_group(user) and has_strong_second_factor(user)


def can_sanction_member(user, *, post: Post | None) -> bool:
    """Warnings and suspensions tied to a post are for that group's moderators; others for
    site moderators."""
    if post is not None:
        return can_moderate(user, post.thread.group)
    return can_moderate_members_site_wide(user)


def require_active_member(user) -> None:
    """Verified and not suspended: the condition for any write to the forums."""
    try:
        require_verified_member(user)
    except VerificationRequired as refusal:
        raise ForumError(refusal.message) from refusal
    suspension = Suspension.objects.in_force_for(user)
    if suspension is not None:
        raise ForumError(errors.SUSPENDED.format(until=suspension.until))


def can_reply(user, thread: Thread, *, moderator: bool | None = None) -> bool:
    if not user.is_authenticated:
        return False
    if moderator is None:
        moderator = can_moderate(user, thread.group)
    return not thread.locked or moderator


def _author_may_still_change(user, post: Post, *, moderator: bool) -> bool:
    return (
        not moderator
        and user.is_authenticated
        and post.author_id == user.pk
        and not post.thread.locked
        and not post.is_deleted
        and post.status != Post.Status.HIDDEN
    )


def can_edit_post(user, post: Post, *, moderator: bool | None = None) -> bool:
    """Only the author or a group moderator may edit (or even open the edit form, which shows
    the text), and the author only their visible or waiting post until the thread is locked.
    Pass `moderator` when it is already known for the post's group."""
    if moderator is None:
        moderator = can_moderate(user, post.thread.group)
    return moderator or _author_may_still_change(user, post, moderator=moderator)


def can_delete_post(user, post: Post) -> bool:
    return can_edit_post(user, post)


def can_see_post_body(user, post: Post, *, moderator: bool | None = None) -> bool:
    if post.is_deleted:
        return False
    if post.status == Post.Status.VISIBLE:
        return True
    if user.is_authenticated and post.author_id == user.pk:
        return True
    return can_moderate(user, post.thread.group) if moderator is None else moderator


def can_see_post(user, post: Post, *, moderator: bool | None = None) -> bool:
    """Whether the post exists at all for this user: a post waiting for approval is seen only
    by its author and moderators; hidden and deleted posts keep their place as placeholders."""
    if post.status != Post.Status.PENDING:
        return True
    return can_see_post_body(user, post, moderator=moderator)


def can_react_to_post(user, post: Post) -> bool:
    return user.is_authenticated and post.is_public


def can_report_post(user, post: Post) -> bool:
    return user.is_authenticated and post.is_public and post.author_id != user.pk


def can_mark_answer(user, thread: Thread, *, moderator: bool | None = None) -> bool:
    if not user.is_authenticated:
        return False
    if moderator is None:
        moderator = can_moderate(user, thread.group)
    return thread.author_id == user.pk or moderator


def can_see_revisions(user, post: Post, *, moderator: bool | None = None) -> bool:
    return can_moderate(user, post.thread.group) if moderator is None else moderator
